import type { Assignment } from '../payload-types'
import { endAssignment, nextCalendarSequence } from './endAssignment'
import { optionalText } from './input'
import type { ActionSpec } from './pipeline'

const REASON_MAX = 1000

/**
 * The customer (or Ops) cancels a job: an open job's pending quotes are declined; an assigned job's active assignment
 * is cancelled with it (as `POST /api/assignments/:id/cancel` would), and both sides hear of it.
 */
export const cancelJob: ActionSpec<'jobs', { reason: string | null }> = {
  doc: {
    summary: 'The customer or Ops cancels a job, with its pending quotes and its active assignment.',
    body: { reason: { type: 'string', description: 'Why (at most 1000 characters).' } },
    answer: { job: { record: 'jobs' }, assignment: { record: 'assignments', nullable: true, description: 'The active assignment cancelled with it, if any.' } },
  },
  machine: 'job',
  collection: 'jobs',
  action: 'cancel',
  event: 'job.cancelled',
  input: (body) => ({ reason: optionalText(body, 'reason', 'The reason', REASON_MAX) }),
  then: async (ctx) => {
    const { req, subject } = ctx
    ctx.facts.reason = ctx.input.reason
    ctx.facts.declinedQuotes = await ctx.moveEach('quotes', { and: [{ job: { equals: subject.id } }, { status: { equals: 'pending' } }] }, 'decline')
    const { docs } = await req.payload.find({
      collection: 'assignments',
      where: { and: [{ job: { equals: subject.id } }, { status: { in: ['pending_schedule', 'scheduled'] } }] },
      limit: 1,
      req,
      overrideAccess: true,
      depth: 0,
    })
    const active = docs[0] as Assignment | undefined
    if (!active) return
    ctx.facts.assignmentId = active.id
    ctx.facts.assignmentFrom = active.status
    const now = ctx.now.toISOString()
    ctx.state.assignment = await ctx.move('assignments', active.id, 'cancel', {
      actor: ctx.actor,
      data: { calendarSequence: nextCalendarSequence(active), timestamps: { ...active.timestamps, cancelledAt: now } },
    })
    await endAssignment(ctx, active.id, 'cancelled')
  },
  respond: (ctx) => ({ job: ctx.subject, assignment: ctx.state.assignment ?? null }),
}
