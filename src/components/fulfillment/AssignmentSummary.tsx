import type { Assignment, Job } from '@/payload-types'
import { addressText, money, statusText } from '../format'

/** Where, in which zone, for how much, and why it stopped when it did. */
export function AssignmentSummary({ job, assignment, timeZone, showPayout = false }: { job: Job | null; assignment: Assignment | null; timeZone: string; showPayout?: boolean }) {
  const address = addressText(job?.serviceAddress)
  return (
    <section className="card summary" aria-label="Summary">
      <dl>
        {address && (
          <>
            <dt>Address</dt>
            <dd>{address}</dd>
          </>
        )}
        <dt>Time zone</dt>
        <dd>{timeZone}</dd>
        {assignment && (
          <>
            <dt>Status</dt>
            <dd data-testid="assignment-status">{statusText(assignment.status)}</dd>
            <dt>Price</dt>
            <dd>{money(assignment.amount, assignment.currency)}</dd>
          </>
        )}
        {showPayout && assignment && assignment.payoutStatus !== 'none' && (
          <>
            <dt>Payout</dt>
            <dd>{statusText(assignment.payoutStatus)}</dd>
          </>
        )}
        {assignment?.rejectionReason && (
          <>
            <dt>Why it was given back</dt>
            <dd>{assignment.rejectionReason}</dd>
          </>
        )}
        {assignment?.disputeReason && (
          <>
            <dt>Problem reported</dt>
            <dd>{assignment.disputeReason}</dd>
          </>
        )}
      </dl>
      {job?.description && <p>{job.description}</p>}
    </section>
  )
}
