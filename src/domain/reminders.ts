/**
 * Which reminders a visit gets, when each is due, and whether it is still true at send time. The worker plans rows
 * from these rules and asks again just before sending, because the visit may have changed in between.
 */

const MINUTE = 60_000

/** A lead in whole seconds (REMINDER_LEAD_MINUTES may give one as `15s`, read as 0.25 minutes). */
const leadSeconds = (leadMinutes: number): number => Math.round(leadMinutes * 60)

/** The lead as a dedupe key writes it: whole minutes as before (`120`), a seconds lead as `15s`. */
const leadKey = (leadMinutes: number): string | number =>
  Number.isInteger(leadMinutes) ? leadMinutes : `${leadSeconds(leadMinutes)}s`

/** Whole seconds per lead, in the order given: what the scan's SQL compares in. */
export const leadsInSeconds = (leadsMinutes: number[]): number[] => leadsMinutes.map(leadSeconds)

/**
 * The nudges the worker's scan plans on a clock. The guardrails — quiet hours in the recipient's zone and the daily
 * cap per job and recipient — apply to them; every other notification answers something a person just did, or alerts
 * Ops, and goes out at once.
 */
export const SCHEDULED_REMINDER_KINDS = ['visit_reminder', 'quote_follow_up', 'completion_nudge', 'verification_nudge'] as const

export type PlannedVisitReminder = { lead: number; dueAt: Date; dedupeKey: string }

/** One reminder per lead time before the visit; a lead already passed at booking is skipped, not sent late. */
export function planVisitReminders({
  assignmentId,
  scheduledStart,
  bookedAt,
  leadsMinutes,
}: {
  assignmentId: string | number
  scheduledStart: Date
  bookedAt: Date
  leadsMinutes: number[]
}): PlannedVisitReminder[] {
  return [...new Set(leadsMinutes)]
    .sort((a, b) => b - a)
    .map((lead) => ({
      lead,
      dueAt: new Date(scheduledStart.getTime() - leadSeconds(lead) * 1000),
      dedupeKey: reminderDedupeKey({ kind: 'visit_reminder', subjectId: assignmentId, instant: scheduledStart, lead: leadKey(lead) }),
    }))
    .filter((r) => r.dueAt.getTime() >= bookedAt.getTime())
}

/**
 * The identity of one reminder: same subject, instant, lead and recipient → same key, so a replan or a second worker
 * cannot send it twice; a new visit time is a new key.
 */
export const reminderDedupeKey = ({
  kind,
  subjectId,
  instant,
  lead,
  recipientRole,
}: {
  kind: string
  subjectId: string | number
  instant: Date
  lead?: number | string
  recipientRole?: string
}): string =>
  [kind, String(subjectId), instant.toISOString(), lead, recipientRole].filter((p) => p !== undefined).join(':')

export const VISIT_REMINDER_SUPPRESSIONS = ['cancelled', 'rejected', 'completed', 'rescheduled', 'not_scheduled'] as const
export type VisitReminderSuppression = (typeof VISIT_REMINDER_SUPPRESSIONS)[number]
export type VisitReminderCheck = { send: true } | { send: false; reason: VisitReminderSuppression }

const DONE_STATUSES = new Set(['completed', 'verified', 'disputed'])

/**
 * Whether the visit a reminder was planned for still happens at that time. The start is what the reminder promises,
 * so a version bump that leaves it unchanged (an edited note, a move and back) still sends.
 */
export function visitReminderStillTrue({
  planned,
  current,
}: {
  planned: { scheduledStart: Date; version?: number }
  current: { status: string; scheduledStart: Date | null; version: number }
}): VisitReminderCheck {
  if (current.status === 'cancelled') return { send: false, reason: 'cancelled' }
  if (current.status === 'rejected') return { send: false, reason: 'rejected' }
  if (DONE_STATUSES.has(current.status)) return { send: false, reason: 'completed' }
  if (current.scheduledStart === null) return { send: false, reason: 'not_scheduled' }
  if (current.scheduledStart.getTime() !== planned.scheduledStart.getTime()) return { send: false, reason: 'rescheduled' }
  if (current.status !== 'scheduled') return { send: false, reason: 'not_scheduled' }
  return { send: true }
}

/** A reminder a scan should pick up now: due already, or due within the lookahead. */
export const isDue = (dueAt: Date, now: Date, lookaheadMinutes: number): boolean =>
  dueAt.getTime() <= now.getTime() + lookaheadMinutes * MINUTE

// True once at least `minutes` have passed since `since`; a missing date has not started the clock.
const elapsed = (since: Date | null | undefined, now: Date, minutes: number): boolean =>
  since != null && now.getTime() - since.getTime() >= minutes * MINUTE

/** An unanswered quote old enough to nudge the customer about. */
export const quoteFollowUpDue = (createdAt: Date, now: Date, minutes: number): boolean =>
  elapsed(createdAt, now, minutes)

/** A visit ended long enough ago to ask the provider to mark it complete. */
export const completionNudgeDue = (scheduledEnd: Date | null, now: Date, minutes: number): boolean =>
  elapsed(scheduledEnd, now, minutes)

/** A job marked complete long enough ago to ask the customer to verify it. */
export const verificationNudgeDue = (completedAt: Date | null, now: Date, minutes: number): boolean =>
  elapsed(completedAt, now, minutes)

export type OverdueReason = 'unscheduled' | 'not_completed' | 'not_verified'

/** Why an assignment is stuck past the ops SLA at its current step, or null when it is on time or finished. */
export function overdueReason({
  status,
  acceptedAt,
  scheduledEnd,
  providerCompletedAt,
  now,
  slaMinutes,
}: {
  status: string
  acceptedAt?: Date | null
  scheduledEnd?: Date | null
  providerCompletedAt?: Date | null
  now: Date
  slaMinutes: number
}): OverdueReason | null {
  if (status === 'pending_schedule') return elapsed(acceptedAt, now, slaMinutes) ? 'unscheduled' : null
  if (status === 'scheduled') return elapsed(scheduledEnd, now, slaMinutes) ? 'not_completed' : null
  if (status === 'completed') return elapsed(providerCompletedAt, now, slaMinutes) ? 'not_verified' : null
  return null
}

/** Another reminder for this job still fits under the daily cap. */
export const withinDailyLimit = (sentInLast24h: number, max: number): boolean => sentInLast24h < max
