import { isVisitDay } from '../domain/visitDay'
import { formatInZone } from '../domain/zonedTime'
import type { Assignment } from '../payload-types'
import { conflict } from '../utilities/errors'

/** "On my way" and "Arrived" are about today's visit, in the visit's time zone: any other day is a 409 saying when. */
export function requireVisitDay(a: Pick<Assignment, 'scheduledStart' | 'scheduledEnd' | 'timeZone' | 'status'>, now: Date, what: string): void {
  const zone = a.timeZone ?? 'UTC'
  const visit = a.scheduledStart ? { start: new Date(a.scheduledStart), end: a.scheduledEnd ? new Date(a.scheduledEnd) : null } : null
  if (isVisitDay(visit, now, zone)) return
  throw conflict(`${what} is only for the visit's day: this visit is on ${visit ? formatInZone(visit.start, zone) : 'no booked day'} (${zone}).`, {
    state: a.status,
    visitStart: a.scheduledStart ?? null,
  })
}
