import { mayComplete } from '../domain/completion'
import { formatInZone } from '../domain/zonedTime'
import { conflict } from '../utilities/errors'
import { parseChecklist, type CompletionChecklist } from './input'
import type { ActionSpec } from './pipeline'

/**
 * The assigned provider says the work is done, optionally with a checklist — once the visit has started, never before
 * (that would be a promise, and with AUTO_VERIFY_DAYS it could pay out for work not yet done).
 */
export const completeAssignment: ActionSpec<'assignments', { checklist: CompletionChecklist | null }> = {
  doc: {
    summary: 'The assigned provider marks a started visit complete.',
    body: { checklist: { type: 'object', description: '{ "items": ["what was done", ...], "note"?: "..." }: at most 50 items of 200 characters.' } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'complete',
  event: 'assignment.completed',
  input: (body) => ({ checklist: parseChecklist(body.checklist) }),
  guard: ({ subject, now }) => {
    const check = mayComplete(subject.scheduledStart ? new Date(subject.scheduledStart) : null, now)
    if (check.ok) return
    const when = check.opensAt ? formatInZone(check.opensAt, subject.timeZone ?? 'UTC') : 'the booked visit starts'
    throw conflict(`The visit has not started yet: it can be marked complete from ${when}.`, {
      state: subject.status,
      completableFrom: check.opensAt?.toISOString() ?? null,
    })
  },
  write: ({ subject, input, now }) => ({
    timestamps: { ...subject.timestamps, providerCompletedAt: now.toISOString() },
    completionChecklist: input.checklist,
  }),
}
