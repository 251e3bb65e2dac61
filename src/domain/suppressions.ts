import { ASSIGNMENT_STATUSES, QUOTE_STATUSES, type AssignmentStatus, type QuoteStatus } from './lifecycle'
import { SCHEDULED_REMINDER_KINDS, VISIT_REMINDER_SUPPRESSIONS } from './reminders'

/**
 * Why a recorded notification was not sent: the `reason` of a `suppressed` reminder-logs row. Every place that
 * suppresses writes one of these (the type says so), and /api/metrics starts a zero series for each reason a kind can
 * have, so a dashboard or an alert on a reason reads 0, not "no data", until the first one.
 */

/** About the person, checked for every kind: gone, turned the channel off, or has no address for it. */
export const RECIPIENT_SUPPRESSIONS = ['recipient_gone', 'opted_out', 'no_address'] as const
/** Written by the actions that end an assignment (cancel, reject, Ops requeue) to its pending rows. */
export const ASSIGNMENT_ACTION_SUPPRESSIONS = ['cancelled', 'rejected', 'requeued'] as const
/** A verification nudge whose assignment is no longer `completed` is suppressed with the status it has now. */
export const VERIFICATION_NUDGE_SUPPRESSIONS = ASSIGNMENT_STATUSES.filter(
  (s): s is Exclude<AssignmentStatus, 'completed'> => s !== 'completed',
)
/** A quote follow-up whose quote was answered: `quote_<status>`. */
export const QUOTE_FOLLOW_UP_SUPPRESSIONS = QUOTE_STATUSES.filter((s): s is Exclude<QuoteStatus, 'pending'> => s !== 'pending').map(
  (s) => `quote_${s}` as const,
)

export type SuppressionReason =
  | (typeof RECIPIENT_SUPPRESSIONS)[number]
  | (typeof ASSIGNMENT_ACTION_SUPPRESSIONS)[number]
  | (typeof VISIT_REMINDER_SUPPRESSIONS)[number]
  | (typeof VERIFICATION_NUDGE_SUPPRESSIONS)[number]
  | (typeof QUOTE_FOLLOW_UP_SUPPRESSIONS)[number]
  | 'assignment_gone'
  | 'quote_gone'
  /** an overdue alert for an assignment that moved on */
  | 'resolved'
  /** REMINDER_MAX_PER_JOB_PER_DAY (scheduled reminders only) */
  | 'rate_limited'
  /** a visit reminder that could not wait out the recipient's night before the visit */
  | 'quiet_hours'
  /** a longer lead of the same visit, overdue when a shorter one also was */
  | 'superseded'

/** The reasons a notification of `kind` can be suppressed for, in a stable order (unknown kinds: the common ones). */
export function suppressionReasons(kind: string): readonly SuppressionReason[] {
  const own: SuppressionReason[] = (() => {
    switch (kind) {
      case 'visit_reminder':
        return ['assignment_gone', ...VISIT_REMINDER_SUPPRESSIONS, 'quiet_hours', 'superseded']
      case 'completion_nudge':
        return ['assignment_gone', ...VISIT_REMINDER_SUPPRESSIONS]
      case 'verification_nudge':
        return ['assignment_gone', ...VERIFICATION_NUDGE_SUPPRESSIONS]
      case 'quote_follow_up':
        // a quote's follow-up belongs to no assignment, so cancel and reject never touch it
        return ['quote_gone', ...QUOTE_FOLLOW_UP_SUPPRESSIONS]
      case 'reminder_overdue':
        return ['assignment_gone', 'resolved', ...ASSIGNMENT_ACTION_SUPPRESSIONS]
      default:
        return [...ASSIGNMENT_ACTION_SUPPRESSIONS]
    }
  })()
  const guardrails: SuppressionReason[] = (SCHEDULED_REMINDER_KINDS as readonly string[]).includes(kind) ? ['rate_limited'] : []
  return [...new Set([...own, ...guardrails, ...RECIPIENT_SUPPRESSIONS])]
}
