import type { SuppressionReason } from '../domain/suppressions'
import { suppressPending } from '../services/notifications/suppress'
import type { ActionContext } from './pipeline'

/**
 * What every way an assignment ends before its work is done has in common (cancel, reject, requeue, a job cancelled
 * with it, a dispute resolved as cancelled): its waiting notifications are suppressed with the reason, and its open
 * proposals expire, since no visit time can be agreed for it any more.
 */
export async function endAssignment(ctx: ActionContext, assignmentId: number, reason: SuppressionReason): Promise<void> {
  ctx.facts.suppressedReminders = await suppressPending(ctx.req, assignmentId, reason)
  await ctx.moveEach('schedule-proposals', { and: [{ assignment: { equals: assignmentId } }, { status: { equals: 'open' } }] }, 'expire')
}

/** The calendar entry of a booked visit changes with every move and cancellation: SEQUENCE goes up by one. */
export const nextCalendarSequence = (assignment: { status?: string | null; calendarSequence?: number | null }): number =>
  (assignment.calendarSequence ?? 0) + (assignment.status === 'scheduled' ? 1 : 0)
