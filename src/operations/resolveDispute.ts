import { canTransition, type JobStatus } from '../domain/lifecycle'
import { badRequest } from '../utilities/errors'
import { endAssignment } from './endAssignment'
import { requiredText } from './input'
import type { ActionSpec } from './pipeline'
import { afterVerified, verifiedFields } from './verifyAssignment'

type Outcome = 'verified' | 'cancelled'

/**
 * Ops settle a disputed assignment. As verified: the verify path — the job completed and the payout recorded (a
 * capture queued, or a payout for review), exactly once. As cancelled: the job is cancelled and any card hold released
 * after commit. Either way both sides are told, with Ops's note.
 */
export const resolveDispute: ActionSpec<'assignments', { outcome: Outcome; note: string }> = {
  doc: {
    summary: 'Ops resolve a dispute: as verified (the provider is paid) or as cancelled (the hold is released).',
    body: {
      outcome: { type: 'string', required: true, description: '"verified" or "cancelled".' },
      note: { type: 'string', required: true, description: 'What Ops decided and why (at most 2000 characters); both sides read it.' },
    },
    answer: { assignment: { record: 'assignments' }, payout: { record: 'payouts', nullable: true, description: 'The payout recorded when resolved as verified.' } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: (_a, input) => (input.outcome === 'verified' ? 'resolveAsVerified' : 'resolveAsCancelled'),
  event: (action) => (action === 'resolveAsVerified' ? 'assignment.verified' : 'assignment.cancelled'),
  input: (body) => {
    if (body.outcome !== 'verified' && body.outcome !== 'cancelled') throw badRequest('"outcome" must be "verified" or "cancelled".', 'outcome')
    return { outcome: body.outcome, note: requiredText(body, 'note', 'A note explaining the decision') }
  },
  parents: (a) => ({ jobs: a.job }),
  write: (ctx) => {
    ctx.facts.note = ctx.input.note
    ctx.facts.outcome = ctx.input.outcome
    if (ctx.action === 'resolveAsVerified') return verifiedFields(ctx)
    return { timestamps: { ...ctx.subject.timestamps, cancelledAt: ctx.now.toISOString() } }
  },
  then: async (ctx) => {
    if (ctx.action === 'resolveAsVerified') return afterVerified(ctx)
    const job = ctx.parents.jobs!
    if (canTransition('job', job.status as JobStatus, 'cancel', ctx.actor)) await ctx.move('jobs', job.id, 'cancel', { before: job, actor: ctx.actor })
    await endAssignment(ctx, ctx.subject.id, 'cancelled')
  },
  respond: (ctx) => ({ assignment: ctx.subject, payout: ctx.state.payout ?? null }),
}
