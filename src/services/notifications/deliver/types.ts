import type { ReminderSettings } from '../../../domain/reminderSettings'
import type { SuppressionReason } from '../../../domain/suppressions'
import type { ChannelName, NotificationKind } from '../../../templates'
import type { SendFacts } from '../decide'

export type DeliveryOutcome =
  | { outcome: 'not_claimed' }
  | { outcome: 'released' }
  | { outcome: 'sent'; attempts: number }
  | { outcome: 'suppressed'; reason: SuppressionReason }
  | { outcome: 'deferred'; until: Date }
  | { outcome: 'retry'; attempts: number; nextAttemptAt: Date; error: string }
  | { outcome: 'failed'; attempts: number; error: string }

export type DeliveryOptions = {
  settings: ReminderSettings
  /** Who holds the claim: written to claimed_by, and every later write is guarded by it. */
  workerId: string
  appUrl: string
}

export type Claimed = {
  id: number
  kind: NotificationKind
  channel: ChannelName
  dedupeKey: string
  assignmentId: number | null
  quoteId: number | null
  subject: string | null
  body: string | null
  /** The calendar invite recorded with the notification (event emails about a visit). */
  ics: string | null
  icsMethod: string | null
}

export type Facts = SendFacts & { jobId: number | null; recipientId: number | null }
export type ToSend = { claimed: Claimed; facts: Facts; address: string }
/** A message's text; `withoutInvite` when its recipient may no longer see what its calendar invite says (facts.ts). */
export type Message = { subject: string | null; text: string; withoutInvite?: boolean }

/** Sent and not yet recorded (the text is not stored: see sentWrites). */
export type Sent = { t: ToSend }
