'use client'

import type { Assignment, Job } from '@/payload-types'
import { post } from '../api'
import { money, when } from '../format'
import { ConfirmAction } from '../fulfillment/ConfirmAction'

/**
 * After the customer's answer to the finished work, what happens next and when — so neither Verify nor a problem
 * report ends in silence: verified work is paid from the card held at acceptance; a reported problem goes to Ops, who
 * either have it put right (and the work is verified) or cancel the job (and the hold is released).
 */
export function JobOutcome({ assignment, providerName, timeZone }: { assignment: Assignment; providerName: string; timeZone: string }) {
  const amount = money(assignment.amount, assignment.currency)
  if (assignment.status === 'verified') {
    return (
      <section className="card callout done" aria-labelledby="outcome-title" data-testid="outcome">
        <h2 id="outcome-title">The job is done</h2>
        <p>
          You verified the work{assignment.timestamps?.customerVerifiedAt ? ` on ${when(assignment.timestamps.customerVerifiedAt, timeZone)}` : ''}. The price is{' '}
          {amount}: if a card is held for it, that card is charged now, and {providerName} is paid. There is nothing more for you to do.
        </p>
      </section>
    )
  }
  if (assignment.status === 'disputed') {
    return (
      <section className="card callout attention" aria-labelledby="outcome-title" data-testid="outcome">
        <h2 id="outcome-title">We have your problem report</h2>
        <p>{providerName} and our Ops team have read what you wrote. What happens next:</p>
        <ol>
          <li>Ops contact you by email, usually within one working day, and talk to {providerName}.</li>
          <li>Either the problem is put right and the work counts as done, or the job is cancelled and any hold on your card is released.</li>
          <li>You are not charged until then, and you get an email with the outcome.</li>
        </ol>
      </section>
    )
  }
  return null
}

/**
 * The customer's way out: cancel the job while nobody has done the work yet (open, or a visit not yet completed),
 * saying first what follows for the quotes, the provider, the visit and the card hold.
 */
export function CancelJob({ job, assignment, providerName, timeZone, reload }: { job: Job; assignment: Assignment | null; providerName: string | null; timeZone: string; reload: () => Promise<void> }) {
  const active = assignment && (assignment.status === 'pending_schedule' || assignment.status === 'scheduled') ? assignment : null
  if (!(job.status === 'open' || (job.status === 'assigned' && active))) return null
  const consequence = !active ? (
    <p>Your job closes and no more quotes can come in. Quotes still waiting are declined, and their providers are told.</p>
  ) : active.status === 'scheduled' && active.scheduledStart ? (
    <p>
      The visit on {when(active.scheduledStart, timeZone)} is cancelled. {providerName ?? 'Your provider'} is told, the visit leaves both calendars, and any hold on
      your card is released.
    </p>
  ) : (
    <p>{providerName ?? 'Your provider'} is told and the job closes. Any hold on your card is released.</p>
  )
  return (
    <section className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Don&apos;t need this any more?</h2>
      <ConfirmAction
        id="cancel-job"
        opener="Cancel this job…"
        tone="danger"
        consequence={consequence}
        reason={{ label: 'Why are you cancelling? (optional)', key: 'reason' }}
        confirm="Cancel the job"
        keep="Keep the job"
        what="Cancelling the job"
        run={async (body) => {
          await post(`/jobs/${job.id}/cancel`, { ...body, version: job.version })
          await reload()
        }}
        onConflict={reload}
      />
    </section>
  )
}
