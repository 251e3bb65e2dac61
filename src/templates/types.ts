import type { REMINDER_KINDS } from '../collections/ReminderLogs'
import type { OverdueReason } from '../domain/reminders'

export type NotificationKind = (typeof REMINDER_KINDS)[number]
export type RecipientRole = 'customer' | 'provider' | 'ops'

/**
 * What a template may say, gathered from the database when the message is rendered. Times are UTC instants; the
 * template shows them in `timeZone`, the job's zone, with its abbreviation.
 */
export type TemplateContext = {
  appUrl: string
  recipient: { name: string; role: RecipientRole }
  timeZone: string
  job: { id: number; title: string; address: string }
  assignmentId?: number
  customerName?: string
  providerName?: string
  /** The visit the message is about (the new time for schedule_changed). */
  visit?: { start: Date; end: Date | null }
  /** The time a visit had before it moved (schedule_changed). */
  previousVisit?: { start: Date; end: Date | null }
  /** Windows offered in a proposal (schedule_proposed). */
  windows?: { start: Date; end: Date }[]
  quote?: { id: number; amount: number; currency: string; providerName: string; createdAt: Date }
  completedAt?: Date
  overdue?: { reason: OverdueReason; since: Date; slaMinutes: number }
  payout?: { reference: string; amount: number; currency: string; status?: string; error?: string }
  /** Free text a person gave: a rejection or dispute reason, a review note, a cancellation reason. */
  note?: string
  /** When a card hold lapses (authorization_expiring). */
  expiresAt?: Date
  /** How Ops resolved a dispute (dispute_resolved). */
  outcome?: 'verified' | 'cancelled'
  /** A visit reminder's one-tap links for its recipient: "I'll be there" (signed) and "I need another time". */
  oneTap?: { attend: string; anotherTime: string }
  /** When the provider expects to arrive (provider_on_the_way), from the minutes they gave. */
  eta?: { minutes: number; at: Date }
  /** A password reset or change (password_changed): when, and how. */
  account?: { changedAt: Date; how: 'reset' | 'changed' }
  /** A webhook endpoint that was turned off (webhook_endpoint_disabled): which, why, how many deliveries ended. */
  webhook?: { endpointId: number; url: string; reason: string; ended: number }

}

export type EmailMessage = { subject: string; text: string }

export type Template = {
  kind: NotificationKind
  /** One line for the preview list and the runbook: who gets it and when. */
  describe: string
  email: (c: TemplateContext) => EmailMessage
  /** One short message; SMS segments are 160 characters, so say the one thing that matters. */
  sms: (c: TemplateContext) => string
}
