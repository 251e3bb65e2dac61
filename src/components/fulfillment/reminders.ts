/** Reminder log rows in words, shared by the customer/provider pages and the admin timeline. */
import type { ReminderLog } from '@/payload-types'

const KIND: Record<string, string> = {
  visit_reminder: 'Visit reminder',
  quote_follow_up: 'Quote follow-up',
  completion_nudge: 'Reminder to mark complete',
  verification_nudge: 'Reminder to verify',
  reminder_overdue: 'Overdue alert',
  quote_accepted: 'Quote accepted',
  schedule_proposed: 'Times proposed',
  schedule_confirmed: 'Visit confirmed',
  schedule_changed: 'Visit moved',
  visit_cancelled: 'Visit cancelled',
  assignment_rejected: 'Job given back',
  payout_pending_review: 'Payout to review',
  payout_reviewed: 'Payout reviewed',
  capture_failed: 'Payment capture failed',
  authorization_expiring: 'Card hold expiring',
  dispute_opened: 'Problem reported',
  dispute_resolved: 'Dispute resolved',
  assignment_requeued: 'Job open for quotes again',
}

const REASON: Record<string, string> = {
  cancelled: 'the visit was cancelled',
  rescheduled: 'the visit moved',
  rejected: 'the job was given back',
  completed: 'the work was already marked complete',
  verified: 'the work was already verified',
  not_scheduled: 'no visit was booked any more',
  opted_out: 'notifications are switched off',
}

export const reminderKind = (kind: string) => KIND[kind] ?? kind.replace(/_/g, ' ')

/** "Sent", "Not sent: the visit moved", "Failed: <error>", "Pending". */
export function reminderOutcome(log: Pick<ReminderLog, 'status' | 'reason' | 'error'>): string {
  if (log.status === 'suppressed') return `Not sent${log.reason ? `: ${REASON[log.reason] ?? log.reason.replace(/_/g, ' ')}` : ''}`
  if (log.status === 'failed') return `Failed${log.error ? `: ${log.error}` : ''}`
  if (log.status === 'sent') return 'Sent'
  return 'Pending'
}

/** The instant that matters for the row: when it went out, else when it was due. */
export const reminderInstant = (log: Pick<ReminderLog, 'sentAt' | 'scheduledFor' | 'updatedAt'>) => log.sentAt ?? log.scheduledFor ?? log.updatedAt
