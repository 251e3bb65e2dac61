import type { Assignment } from '../payload-types'
import { openPayout, payoutActionFor } from './payouts'
import { transition, type ActionContext, type ActionSpec } from './pipeline'

/** The verify path, shared with Ops resolving a dispute as verified: verified, the job completed, the payout recorded. */
export const verifiedFields = (ctx: ActionContext<'assignments', unknown>) => ({
  payoutStatus: transition('payout', 'none', payoutActionFor(ctx.subject), 'system') as Assignment['payoutStatus'],
  timestamps: { ...ctx.subject.timestamps, customerVerifiedAt: ctx.now.toISOString() },
})

export async function afterVerified(ctx: ActionContext<'assignments', unknown>): Promise<void> {
  const job = ctx.parents.jobs
  if (job?.status === 'assigned') await ctx.move('jobs', job.id, 'complete', { before: job })
  await openPayout(ctx as ActionContext<'assignments'>)
}

/**
 * The customer confirms the work was done (or the system does, AUTO_VERIFY_DAYS after completion): `verified`, the job
 * completed, and the provider's payout recorded — a Stripe capture queued after commit, or a payout for Ops to approve.
 */
export const verifyAssignment: ActionSpec<'assignments', void> = {
  doc: {
    summary: "The customer verifies completed work: the job is completed and the provider's payout recorded.",
    answer: { assignment: { record: 'assignments' }, payout: { record: 'payouts', nullable: true, description: 'The payout: capture_pending (Stripe) or pending_review (Ops).' } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'verify',
  event: 'assignment.verified',
  parents: (a) => ({ jobs: a.job }),
  write: verifiedFields,
  then: afterVerified,
  respond: (ctx) => ({ assignment: ctx.subject, payout: ctx.state.payout ?? null }),
}
