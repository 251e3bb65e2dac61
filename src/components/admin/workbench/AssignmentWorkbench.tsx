import type { Payload, PayloadRequest, TypedUser } from 'payload'
import React from 'react'

import type { Assignment, Job, Payout } from '@/payload-types'
import { opsButtonsFor } from '@/services/console/opsActions'
import { ageSince, amountText, cardHoldText, nameOf, payoutText, personOf, visitText } from './facts'
import { OpsActions } from './OpsActions'
import { assignmentTimeline, Timeline } from './timeline'
import { WorkbenchHeader, type Fact } from './WorkbenchHeader'

type Props = { id?: number | string; payload: Payload; req: PayloadRequest }

/** How long the record has been in its state: "for 3 days", "just now". */
const stateAge = (age: string) => (age === 'just now' ? age : `for ${age}`)

/**
 * The `workbench` ui field of an assignment: who and what it is, where the money stands, the buttons of what Ops may
 * do from its state (and its payout's), and its timeline. Rendered on the server with the signed-in user's access;
 * anyone but Ops gets nothing (the admin is Ops-only anyway).
 */
export async function AssignmentWorkbench({ id, payload, req }: Props) {
  const user = req.user as (TypedUser & { role?: string }) | null
  if (id == null || user?.role !== 'ops') return null
  const as = { user, overrideAccess: false } as const
  const a = (await payload.findByID({ collection: 'assignments', id, depth: 1, disableErrors: true, ...as })) as Assignment | null
  if (!a) return null
  const { docs: payouts } = await payload.find({ collection: 'payouts', where: { assignment: { equals: a.id } }, limit: 1, depth: 0, ...as })
  const payout = payouts[0] as Payout | undefined
  const entries = await assignmentTimeline(payload, user, a, payouts)
  const job = typeof a.job === 'object' ? (a.job as Job) : null
  const timeZone = a.timeZone ?? job?.timeZone ?? 'UTC'
  const now = new Date()
  const lastMove = [...entries].reverse().find((e) => e.kind === 'audit' && e.detail.includes('→'))
  const adminRoute = payload.config.routes.admin

  const facts: Fact[] = [
    { term: 'Job', value: job ? <a href={`${adminRoute}/collections/jobs/${job.id}`}>{job.title}</a> : '—', testId: 'fact-job' },
    { term: 'Customer', value: personOf(a.customer), testId: 'fact-customer' },
    { term: 'Provider', value: personOf(a.provider), testId: 'fact-provider' },
    { term: `Visit (${timeZone})`, value: visitText(a, timeZone), testId: 'fact-visit' },
    { term: 'Amount', value: amountText(a.amount, a.currency), testId: 'fact-amount' },
    { term: 'Payout', value: payoutText(payout, a.payoutStatus), testId: 'fact-payout' },
    { term: 'Card hold', value: cardHoldText(a, timeZone), testId: 'fact-card-hold' },
    { term: 'Age', value: `accepted ${ageSince(a.timestamps?.acceptedAt ?? a.createdAt, now)} ago`, testId: 'fact-age' },
    ...(a.disputeReason ? [{ term: 'Dispute', value: a.disputeReason, testId: 'fact-dispute' }] : []),
    ...(a.rejectionReason ? [{ term: 'Given back because', value: a.rejectionReason }] : []),
  ]
  const buttons = [
    ...opsButtonsFor({ machine: 'assignment', collection: 'assignments', id: a.id, status: a.status ?? 'pending_schedule', version: a.version ?? 1, subject: a.label ?? `Assignment ${a.id}` }),
    ...(payout
      ? opsButtonsFor({ machine: 'payout', collection: 'payouts', id: payout.id, status: payout.status, version: payout.version ?? 1, subject: `payout ${payout.reference}` })
      : []),
  ]

  return (
    <div className="field-type jl-workbench" data-testid="workbench">
      <WorkbenchHeader
        title={`${nameOf(a.customer)} → ${nameOf(a.provider)}`}
        status={a.status ?? 'pending_schedule'}
        since={lastMove ? stateAge(ageSince(lastMove.at, now)) : undefined}
        facts={facts}
      />
      <OpsActions buttons={buttons} heading="What Ops can do now" />
      <Timeline entries={entries} timeZone={timeZone} adminRoute={adminRoute} testId="assignment-timeline" />
    </div>
  )
}
