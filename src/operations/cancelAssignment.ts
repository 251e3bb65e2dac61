import { canTransition, type JobStatus } from '../domain/lifecycle'
import { endAssignment, nextCalendarSequence } from './endAssignment'
import { optionalText } from './input'
import type { ActionSpec } from './pipeline'

const REASON_MAX = 1000

/**
 * The customer (or Ops) calls the job off before its work is done: the assignment and its job are cancelled, waiting
 * notifications suppressed, open proposals expired; both sides hear of it, with a METHOD:CANCEL invite for the same
 * calendar entry when a visit was booked, and any card hold is released after commit.
 */
export const cancelAssignment: ActionSpec<'assignments', { reason: string | null }> = {
  doc: {
    summary: 'The customer or Ops cancels the assignment and its job before the work is done.',
    body: { reason: { type: 'string', description: 'Why (at most 1000 characters); both sides read it.' } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'cancel',
  event: 'assignment.cancelled',
  input: (body) => ({ reason: optionalText(body, 'reason', 'The reason', REASON_MAX) }),
  parents: (a) => ({ jobs: a.job }),
  write: ({ subject, input, now, facts }) => {
    facts.reason = input.reason
    return { calendarSequence: nextCalendarSequence(subject), timestamps: { ...subject.timestamps, cancelledAt: now.toISOString() } }
  },
  then: async (ctx) => {
    const job = ctx.parents.jobs!
    if (canTransition('job', job.status as JobStatus, 'cancel', ctx.actor)) await ctx.move('jobs', job.id, 'cancel', { before: job, actor: ctx.actor })
    await endAssignment(ctx, ctx.subject.id, 'cancelled')
  },
}
