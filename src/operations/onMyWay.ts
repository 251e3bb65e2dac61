import { MAX_ETA_MINUTES, MIN_ETA_MINUTES } from '../domain/visitDay'
import { badRequest } from '../utilities/errors'
import type { ActionSpec } from './pipeline'
import { requireVisitDay } from './visitDayGuard'

/** `minutes`: optional whole minutes to arrival, MIN_ETA_MINUTES–MAX_ETA_MINUTES, or 400 naming it. */
export function parseEtaMinutes(body: Record<string, unknown>): number | null {
  const v = body.minutes
  if (v === undefined || v === null) return null
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_ETA_MINUTES || v > MAX_ETA_MINUTES) {
    throw badRequest(`"minutes" must be a whole number of minutes to arrival from ${MIN_ETA_MINUTES} to ${MAX_ETA_MINUTES}.`, 'minutes')
  }
  return v
}

/**
 * The provider sets off for today's visit ("On my way"), optionally saying in how many minutes they will arrive. The
 * customer is told at once (email and SMS): it is transactional, so quiet hours never hold it. The status stays
 * `scheduled`; the facts go on the assignment's `visitDay`, for this visit's start only.
 */
export const onMyWay: ActionSpec<'assignments', { minutes: number | null }> = {
  doc: {
    summary: 'The assigned provider is on the way to today\'s visit; the customer is told at once.',
    body: { minutes: { type: 'integer', description: `Minutes to arrival (${MIN_ETA_MINUTES}–${MAX_ETA_MINUTES}), optional.` } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'onMyWay',
  event: 'assignment.provider_on_the_way',
  input: (body) => ({ minutes: parseEtaMinutes(body) }),
  guard: ({ subject, now }) => requireVisitDay(subject, now, '"On my way"'),
  write: ({ subject, input, now, facts }) => {
    facts.etaMinutes = input.minutes
    return {
      visitDay: { visitStart: subject.scheduledStart, onMyWayAt: now.toISOString(), etaMinutes: input.minutes, arrivedAt: null },
    }
  },
}

/** The provider is at the door of today's visit ("Arrived"); the customer is told at once, like "On my way". */
export const arrived: ActionSpec<'assignments', undefined> = {
  doc: { summary: 'The assigned provider arrived for today\'s visit; the customer is told at once.' },
  machine: 'assignment',
  collection: 'assignments',
  action: 'arrive',
  event: 'assignment.provider_arrived',
  guard: ({ subject, now }) => requireVisitDay(subject, now, '"Arrived"'),
  write: ({ subject, now }) => {
    const same = subject.visitDay?.visitStart && subject.scheduledStart && new Date(subject.visitDay.visitStart).getTime() === new Date(subject.scheduledStart).getTime()
    return {
      visitDay: {
        visitStart: subject.scheduledStart,
        onMyWayAt: same ? (subject.visitDay?.onMyWayAt ?? null) : null,
        etaMinutes: same ? (subject.visitDay?.etaMinutes ?? null) : null,
        arrivedAt: now.toISOString(),
      },
    }
  },
}
