import { MAX_ETA_MINUTES, MIN_ETA_MINUTES, secondsLeftOfVisitDay, VISIT_DAY_TAPS, visitDayFor, visitDayTap, type TapVerdict } from '../domain/visitDay'
import type { Assignment } from '../payload-types'
import { APIError } from 'payload'
import { badRequest } from '../utilities/errors'
import type { ActionContext, ActionSpec } from './pipeline'
import { requireVisitDay } from './visitDayGuard'

/**
 * Today's visit, and this tap within the guardrails (src/domain/visitDay.ts): 409 on another day, 429 past
 * VISIT_DAY_TAPS taps for this visit (nothing changes); otherwise whether the customer hears of it, in the facts.
 */
function tapGuard(ctx: ActionContext<'assignments', unknown>, action: 'onMyWay' | 'arrive', what: string): TapVerdict & { ok: true } {
  const { subject, now, facts } = ctx
  requireVisitDay(subject, now, what)
  const verdict = visitDayTap(visitDayFor(subject.visitDay, subject.scheduledStart), action, now)
  if (!verdict.ok) {
    const retryAfterSeconds = secondsLeftOfVisitDay(now, subject.timeZone ?? 'UTC')
    ;(ctx.req.responseHeaders ??= new Headers()).set('Retry-After', String(retryAfterSeconds))
    throw new APIError(
      `You have already tapped On my way and Arrived ${VISIT_DAY_TAPS} times for this visit, and the customer has been told: nothing more is sent today.`,
      429,
      { retryAfterSeconds, reason: 'visit_day_taps' },
      true,
    )
  }
  facts.notify = verdict.notify
  return verdict
}

/** The visit-day facts of the visit booked now (a moved visit starts clean). */
const today = (a: Assignment) => visitDayFor(a.visitDay, a.scheduledStart)

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
 * customer is told at once (email and SMS): it is transactional, so quiet hours never hold it; a repeat within
 * ON_MY_WAY_RESEND_MINUTES only updates the ETA on their page, and past VISIT_DAY_TAPS taps the visit's day is done
 * (429). The status stays `scheduled`; the facts go on the assignment's `visitDay`, for this visit's start only.
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
  guard: (ctx) => void tapGuard(ctx, 'onMyWay', '"On my way"'),
  write: ({ subject, input, now, facts }) => {
    facts.etaMinutes = input.minutes
    const before = today(subject)
    return {
      visitDay: {
        visitStart: subject.scheduledStart,
        onMyWayAt: now.toISOString(),
        etaMinutes: input.minutes,
        arrivedAt: null,
        taps: (before?.taps ?? 0) + 1,
        // a repeat within the quiet minutes updates the ETA the customer sees, without a message
        notifiedAt: facts.notify ? now.toISOString() : (before?.notifiedAt ?? null),
      },
    }
  },
}

/** The provider is at the door of today's visit ("Arrived"); the customer is told at once, the first time only. */
export const arrived: ActionSpec<'assignments', undefined> = {
  doc: { summary: 'The assigned provider arrived for today\'s visit; the customer is told at once.' },
  machine: 'assignment',
  collection: 'assignments',
  action: 'arrive',
  event: 'assignment.provider_arrived',
  guard: (ctx) => void tapGuard(ctx, 'arrive', '"Arrived"'),
  write: ({ subject, now }) => {
    const before = today(subject)
    return {
      visitDay: {
        visitStart: subject.scheduledStart,
        onMyWayAt: before?.onMyWayAt ?? null,
        etaMinutes: before?.etaMinutes ?? null,
        // the first arrival is the one the customer was told of
        arrivedAt: before?.arrivedAt ?? now.toISOString(),
        taps: (before?.taps ?? 0) + 1,
        notifiedAt: before?.notifiedAt ?? null,
      },
    }
  },
}
