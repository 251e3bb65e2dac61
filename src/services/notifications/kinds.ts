import { SCHEDULED_REMINDER_KINDS as SCHEDULED } from '../../domain/reminders'
import type { NotificationKind } from '../../templates'

/**
 * Reminders are the nudges the worker's scan plans on a clock (src/domain/reminders.ts). The guardrails — quiet hours
 * in the recipient's zone and at most REMINDER_MAX_PER_JOB_PER_DAY per job and recipient — apply to them. Every other
 * kind answers something a person just did (a booking, a cancellation, a payout decision) or alerts Ops, and goes out
 * at once.
 */
export const SCHEDULED_REMINDER_KINDS = SCHEDULED satisfies readonly NotificationKind[]

/**
 * Kinds that are urgent as well as transactional: the provider is on the way or at the door. Like every event
 * notification they go out at once, and any future per-user quiet hours must not hold them either.
 */
export const URGENT_KINDS = ['provider_on_the_way', 'provider_arrived'] as const satisfies readonly NotificationKind[]

export const isUrgent = (kind: string): boolean => (URGENT_KINDS as readonly string[]).includes(kind)

export const isScheduledReminder = (kind: string): boolean =>
  (SCHEDULED_REMINDER_KINDS as readonly string[]).includes(kind)
