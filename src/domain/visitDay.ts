import { addDays, localDate, zonedTimeToUtc } from './zonedTime'

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

/**
 * Guardrails on the messages a provider's taps send the customer ("On my way", "Arrived"), per visit: each tap is
 * counted, and past VISIT_DAY_TAPS the tap is refused (429) until the visit's day is over; "Arrived" tells the customer
 * once; "On my way" tells them at once the first time, and a repeat within ON_MY_WAY_RESEND_MINUTES of the last
 * message only updates the ETA they see on their page. So one provider cannot flood a customer, whatever they tap.
 */
export const VISIT_DAY_TAPS = 6
export const ON_MY_WAY_RESEND_MINUTES = 15

export type VisitDayTaps = { taps?: number | null; notifiedAt?: string | null; arrivedAt?: string | null }
export type TapVerdict = { ok: true; taps: number; notify: boolean } | { ok: false; taps: number }

export function visitDayTap(facts: VisitDayTaps | null, action: 'onMyWay' | 'arrive', now: Date): TapVerdict {
  const taps = facts?.taps ?? 0
  if (taps >= VISIT_DAY_TAPS) return { ok: false, taps }
  if (action === 'arrive') return { ok: true, taps: taps + 1, notify: !facts?.arrivedAt }
  const last = facts?.notifiedAt ? new Date(facts.notifiedAt).getTime() : null
  return { ok: true, taps: taps + 1, notify: last === null || now.getTime() - last >= ON_MY_WAY_RESEND_MINUTES * 60_000 }
}

/** Seconds until the visit's local day ends, at least one: when a tap refused as one too many could be taken again. */
export function secondsLeftOfVisitDay(now: Date, timeZone: string): number {
  const midnight = zonedTimeToUtc(addDays(localDate(now, timeZone), 1), '00:00', timeZone)
  return Math.max(1, Math.ceil((midnight.getTime() - now.getTime()) / 1000))
}
