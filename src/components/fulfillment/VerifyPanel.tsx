'use client'

import type { Assignment } from '@/payload-types'
import { post } from '../api'
import { money } from '../format'
import { ConfirmAction } from './ConfirmAction'

/**
 * The customer's answer to "the work is done": Verify (the card held at acceptance is charged, the provider paid), or
 * Report a problem with a reason (nothing is charged while Ops sort it out). Either way the page then says what follows
 * (JobOutcome).
 */
export function VerifyPanel({ assignment, providerName, reload }: { assignment: Assignment; providerName: string; reload: () => Promise<void> }) {
  if (assignment.status !== 'completed') return null
  const amount = money(assignment.amount, assignment.currency)
  const act = (path: 'verify' | 'dispute') => async (body: Record<string, unknown>) => {
    await post(`/assignments/${assignment.id}/${path}`, { ...body, version: assignment.version })
    await reload()
  }
  return (
    <section className="card callout" aria-labelledby="verify-title">
      <h2 id="verify-title">Is the work done?</h2>
      <p>
        {providerName} marked the work complete. Check it: when it is done as agreed, verify it, and {amount} is charged to the card held for it. If something is
        wrong, report a problem: you are not charged while Ops sort it out.
      </p>
      <div className="actions">
        <ConfirmAction
          id="verify"
          opener="Verify: the work is done"
          openerClass="primary"
          tone="primary"
          consequence={<p>Verify the work? {amount} is charged and {providerName} is paid. This cannot be undone.</p>}
          confirm={`Yes, verify and pay ${amount}`}
          keep="Not yet"
          what="Verifying"
          run={act('verify')}
          onConflict={reload}
        />
        <ConfirmAction
          id="dispute"
          opener="Report a problem"
          tone="danger"
          consequence={<p>{providerName} and our Ops team read your report. Ops contact you by email; nothing is charged until it is sorted out.</p>}
          reason={{ label: 'What is wrong?', key: 'reason', required: 'Say what is wrong, so the provider and Ops can put it right.', max: 2000 }}
          confirm="Send problem report"
          keep="Back"
          what="Reporting a problem"
          run={act('dispute')}
          onConflict={reload}
        />
      </div>
    </section>
  )
}
