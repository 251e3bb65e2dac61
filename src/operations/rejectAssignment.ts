import { idOf } from '../utilities/idOf'
import { endAssignment, nextCalendarSequence } from './endAssignment'
import { requiredText } from './input'
import type { ActionSpec } from './pipeline'

/**
 * The assigned provider gives the job back, any time before they complete it: the assignment is `rejected`, the job
 * open again for quotes without them (excluded: they no longer see it), its waiting notifications suppressed and open
 * proposals expired; the card hold is released after commit, and the customer, the provider and Ops are told.
 */
export const rejectAssignment: ActionSpec<'assignments', { reason: string }> = {
  doc: {
    summary: 'The assigned provider gives the job back; the job is open for quotes again without them.',
    body: { reason: { type: 'string', required: true, description: 'Why (at most 2000 characters); the customer reads it.' } },
    answer: {
      assignment: { record: 'assignments' },
      job: { record: 'jobs', nullable: true, description: 'The job, open again without this provider (null for them: they no longer see it).' },
      suppressedReminders: { type: 'integer', description: 'Pending notifications suppressed (reason `rejected`).' },
      authorizationReleased: { type: 'boolean', description: 'Whether a card hold is being released.' },
    },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'reject',
  event: 'assignment.rejected',
  input: (body) => ({ reason: requiredText(body, 'reason', 'A reason for giving the job back') }),
  parents: (a) => ({ jobs: a.job }),
  write: ({ subject, input, now, facts }) => {
    facts.reason = input.reason
    return {
      rejectionReason: input.reason,
      calendarSequence: nextCalendarSequence(subject),
      timestamps: { ...subject.timestamps, rejectedAt: now.toISOString() },
    }
  },
  then: async (ctx) => {
    const job = ctx.parents.jobs!
    const provider = Number(idOf(ctx.subject.provider))
    const excluded = [...new Set([...(job.excludedProviders ?? []).map((p) => Number(idOf(p))), provider])]
    const data = { assignedProvider: null, excludedProviders: excluded }
    ctx.state.job = job.status === 'assigned' ? await ctx.move('jobs', job.id, 'requeue', { before: job, data }) : job
    await endAssignment(ctx, ctx.subject.id, 'rejected')
  },
  respond: (ctx) => ({
    assignment: ctx.subject,
    job: ctx.state.job,
    suppressedReminders: ctx.facts.suppressedReminders ?? 0,
    authorizationReleased: !!ctx.subject.payment?.paymentIntentId && !ctx.subject.payment?.releasedAt,
  }),
}
