import { localDate } from './zonedTime'

/**
 * The day of a booked visit, in the visit's time zone: "On my way", "Arrived" and "I'll be there" are about today's
 * visit. A provider tapping "On my way" for next Tuesday's job is a mistake, and telling the customer would be worse.
 */

/** Bounds of the optional minutes-to-arrival of "On my way": a real ETA, not a placeholder or a typo of hours. */
export const MIN_ETA_MINUTES = 1
export const MAX_ETA_MINUTES = 240

export type VisitWindow = { start: Date; end: Date | null }

/**
 * Whether `now` falls on the visit's local day: the date of its start (or of its end, for a window past midnight) in
 * `timeZone`, compared with today's date there.
 */
export function isVisitDay(visit: VisitWindow | null, now: Date, timeZone: string): boolean {
  if (!visit) return false
  const today = localDate(now, timeZone)
  return localDate(visit.start, timeZone) === today || (visit.end !== null && localDate(visit.end, timeZone) === today)
}

/** When the provider expects to arrive: `etaMinutes` after they set off, or null without an ETA. */
export const expectedArrival = (setOffAt: Date, etaMinutes: number | null): Date | null =>
  etaMinutes === null ? null : new Date(setOffAt.getTime() + etaMinutes * 60_000)

/**
 * What the assignment's `visitDay` fields say about the visit booked now: they count only for the visit they were set
 * for (`visitStart`), so a visit that moved starts with a clean slate without any other action clearing them.
 */
export function visitDayFor<T extends { visitStart?: string | null }>(visitDay: T | null | undefined, scheduledStart: string | null | undefined): T | null {
  if (!visitDay?.visitStart || !scheduledStart) return null
  return new Date(visitDay.visitStart).getTime() === new Date(scheduledStart).getTime() ? visitDay : null
}
