import { quietHoursOf } from '../../domain/notificationPreferences'
import { deferForQuietHours, type QuietHours } from '../../domain/quietHours'
import type { AssignmentStatus, QuoteStatus } from '../../domain/lifecycle'
import { overdueReason, visitReminderStillTrue } from '../../domain/reminders'
import type { SuppressionReason } from '../../domain/suppressions'
import type { ChannelName } from '../../templates'
import { isScheduledReminder } from './kinds'
import { addressFor, type Recipient, wantsChannel } from './recipients'

/** What the database says now about the thing a notification is for, read just before sending. */
export type SendFacts = {
  kind: string
  channel: ChannelName
  logId: number
  plannedStart: Date | null
  assignment: {
    status: string
    scheduledStart: Date | null
    scheduledEnd: Date | null
    version: number
    acceptedAt: Date | null
    providerCompletedAt: Date | null
  } | null
  quote: { status: string } | null
  recipient: Recipient | null
}

export type SendDecision =
  | { action: 'send'; address: string; guarded: boolean }
  | { action: 'suppress'; reason: SuppressionReason }
  | { action: 'defer'; until: Date; reason: 'quiet_hours' }

const MINUTE = 60_000
/** Reminders released at the end of quiet hours are spread over this many minutes, by log id, so 08:00 is no burst. */
export const QUIET_HOURS_SPREAD_MINUTES = 15

/** Whether the reminder's reason to exist still holds; the suppression reason when it does not. */
export function stillTrue(f: SendFacts, now: Date, overdueSlaMinutes: number): SuppressionReason | null {
  const a = f.assignment
  switch (f.kind) {
    case 'visit_reminder':
    case 'completion_nudge': {
      if (!a) return 'assignment_gone'
      const check = visitReminderStillTrue({
        planned: { scheduledStart: f.plannedStart ?? new Date(0) },
        current: { status: a.status, scheduledStart: a.scheduledStart, version: a.version },
      })
      return check.send ? null : check.reason
    }
    case 'verification_nudge':
      if (!a) return 'assignment_gone'
      return a.status === 'completed' ? null : (a.status as Exclude<AssignmentStatus, 'completed'>)
    case 'quote_follow_up':
      if (!f.quote) return 'quote_gone'
      return f.quote.status === 'pending' ? null : `quote_${f.quote.status as Exclude<QuoteStatus, 'pending'>}`
    case 'reminder_overdue':
      if (!a) return 'assignment_gone'
      return overdueReason({ ...a, now, slaMinutes: overdueSlaMinutes }) ? null : 'resolved'
    default:
      // Event notifications report something that happened; it stays true.
      return null
  }
}

/**
 * The send-time rules, in order: still true, the recipient still wants this kind on this channel, and for reminders
 * quiet hours, theirs or else the platform's (deferred, never dropped — unless waiting would carry a visit reminder
 * past the visit itself). The daily cap needs a count under a lock and is applied by the caller.
 */
export function decide(
  f: SendFacts,
  { now, quietHours, overdueSlaMinutes }: { now: Date; quietHours: QuietHours | null; overdueSlaMinutes: number },
): SendDecision {
  const stale = stillTrue(f, now, overdueSlaMinutes)
  if (stale) return { action: 'suppress', reason: stale }
  if (!f.recipient) return { action: 'suppress', reason: 'recipient_gone' }
  if (!wantsChannel(f.recipient, f.kind, f.channel)) return { action: 'suppress', reason: 'opted_out' }
  const address = addressFor(f.recipient, f.channel)
  if (!address) return { action: 'suppress', reason: 'no_address' }
  const guarded = isScheduledReminder(f.kind)
  if (guarded) {
    const allowedAt = deferForQuietHours(now, f.recipient.timeZone, quietHoursOf(f.recipient.preferences, quietHours))
    if (allowedAt.getTime() > now.getTime()) {
      const until = new Date(allowedAt.getTime() + (f.logId % QUIET_HOURS_SPREAD_MINUTES) * MINUTE)
      const visitStart = f.kind === 'visit_reminder' ? f.assignment?.scheduledStart : null
      if (visitStart && until.getTime() >= visitStart.getTime()) return { action: 'suppress', reason: 'quiet_hours' }
      return { action: 'defer', until, reason: 'quiet_hours' }
    }
  }
  return { action: 'send', address, guarded }
}

/** The daily cap counts per job, recipient and channel. */
export const capKey = (jobId: number, recipientId: number, channel: string): string => `${jobId}:${recipientId}:${channel}`

/**
 * Which reminders of a batch go over the daily cap, given how many each (job, recipient, channel) already had or has in
 * flight: within a key, the earliest recorded (lowest id) take the slots left and the rest are capped.
 */
export function allotDailyCap(candidates: { id: number; key: string }[], already: Map<string, number>, max: number): number[] {
  const used = new Map(already)
  const capped: number[] = []
  for (const c of [...candidates].sort((a, b) => a.id - b.id)) {
    const n = used.get(c.key) ?? 0
    if (n >= max) capped.push(c.id)
    else used.set(c.key, n + 1)
  }
  return capped
}
