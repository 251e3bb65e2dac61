import { idOf } from '../utilities/idOf'
import { endAssignment, nextCalendarSequence } from './endAssignment'
import { optionalBoolean, requiredText } from './input'
import type { ActionSpec } from './pipeline'

/**
 * Ops take the job away from its provider (a no-show, a complaint) before the work is done: the assignment ends
 * (`cancelled`), the job is open for quotes again — without that provider unless Ops say otherwise — and both sides
 * hear why. The card hold is released after commit; the customer's next acceptance holds the card anew.
 */
export const requeueAssignment: ActionSpec<'assignments', { note: string; excludeProvider: boolean }> = {
  doc: {
    summary: 'Ops take the job away from its provider: the assignment ends and the job is open for quotes again.',
    body: {
      note: { type: 'string', required: true, description: 'Why (at most 2000 characters); both sides read it.' },
      excludeProvider: { type: 'boolean', description: 'Keep this provider off the job (default true).' },
    },
    answer: { assignment: { record: 'assignments' }, job: { record: 'jobs', description: 'The job, open for quotes again.' } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'requeue',
  event: 'assignment.requeued',
  input: (body) => ({ note: requiredText(body, 'note', 'A note for the customer and the provider'), excludeProvider: optionalBoolean(body, 'excludeProvider', true) }),
  parents: (a) => ({ jobs: a.job }),
  write: ({ subject, input, now, facts }) => {
    facts.note = input.note
    facts.excludeProvider = input.excludeProvider
    return { calendarSequence: nextCalendarSequence(subject), timestamps: { ...subject.timestamps, cancelledAt: now.toISOString() } }
  },
  then: async (ctx) => {
    const job = ctx.parents.jobs!
    const provider = Number(idOf(ctx.subject.provider))
    const excluded = new Set((job.excludedProviders ?? []).map((p) => Number(idOf(p))))
    if (ctx.input.excludeProvider) excluded.add(provider)
    ctx.state.job = await ctx.move('jobs', job.id, 'requeue', { before: job, data: { assignedProvider: null, excludedProviders: [...excluded] } })
    await endAssignment(ctx, ctx.subject.id, 'requeued')
  },
  respond: (ctx) => ({ assignment: ctx.subject, job: ctx.state.job }),
}
