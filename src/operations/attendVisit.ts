import type { ActionSpec } from './pipeline'
import { conflict } from '../utilities/errors'

/**
 * The customer or the provider confirms they will be there for the booked visit ("I'll be there"), from the app or
 * from a reminder email's one-tap link. Same state; the audit row is the record (the timeline shows it to both sides)
 * and the other side is told. Only before the visit's window ends: afterwards it would say nothing.
 */
export const attendVisit: ActionSpec<'assignments', undefined> = {
  doc: { summary: 'The customer or the provider confirms they will be there for the booked visit; the other side is told.' },
  machine: 'assignment',
  collection: 'assignments',
  action: 'attend',
  event: 'assignment.attendance_confirmed',
  guard: ({ subject, now, actor, facts }) => {
    const end = subject.scheduledEnd ? new Date(subject.scheduledEnd) : null
    if (!end || now.getTime() >= end.getTime()) {
      throw conflict('The visit is over: there is nothing left to confirm.', { state: subject.status, visitEnd: subject.scheduledEnd ?? null })
    }
    facts.side = actor
  },
}
