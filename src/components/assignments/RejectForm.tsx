'use client'

import type { Assignment } from '@/payload-types'
import { post } from '../api'
import { ConfirmAction } from '../fulfillment/ConfirmAction'

/** The provider gives the job back, with a reason (`POST /api/assignments/:id/reject`). */
export function RejectForm({ assignment, reload }: { assignment: Assignment; reload: () => Promise<void> }) {
  if (assignment.status !== 'pending_schedule' && assignment.status !== 'scheduled') return null
  return (
    <section className="card" aria-labelledby="reject-title">
      <h2 id="reject-title">Can&apos;t do this job?</h2>
      <ConfirmAction
        id="reject"
        opener="Give the job back…"
        tone="danger"
        consequence={<p className="muted">The job opens for quotes again without you, and the customer is told why.</p>}
        reason={{ label: 'Reason', key: 'reason', required: 'Give the customer a reason.', max: 2000 }}
        confirm="Give the job back"
        keep="Keep the job"
        what="Giving the job back"
        run={async (body) => {
          await post(`/assignments/${assignment.id}/reject`, { ...body, version: assignment.version })
          await reload()
        }}
        onConflict={reload}
      />
    </section>
  )
}
