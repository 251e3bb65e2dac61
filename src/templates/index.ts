import { REMINDER_KINDS } from '../collections/ReminderLogs'
import { assignmentRejected, assignmentRequeued, authorizationExpiring, disputeResolved, payoutReviewed, quoteAccepted } from './assignments'
import { passwordChanged } from './account'
import { completionNudge, quoteFollowUp, verificationNudge } from './nudges'
import { captureFailed, disputeOpened, payoutPendingReview, reminderOverdue, webhookEndpointDisabled } from './ops'
import type { EmailMessage, NotificationKind, RecipientRole, Template, TemplateContext } from './types'
import { attendanceConfirmed, providerArrived, providerOnTheWay, scheduleChanged, scheduleConfirmed, scheduleProposed, visitCancelled, visitReminder } from './visits'

export type { EmailMessage, NotificationKind, RecipientRole, Template, TemplateContext } from './types'

/** Plain-text email and SMS for every notification kind: one entry per kind, checked by the compiler. */
export const TEMPLATES: Record<NotificationKind, Template> = {
  visit_reminder: visitReminder,
  quote_follow_up: quoteFollowUp,
  completion_nudge: completionNudge,
  verification_nudge: verificationNudge,
  reminder_overdue: reminderOverdue,
  quote_accepted: quoteAccepted,
  schedule_proposed: scheduleProposed,
  schedule_confirmed: scheduleConfirmed,
  schedule_changed: scheduleChanged,
  visit_cancelled: visitCancelled,
  assignment_rejected: assignmentRejected,
  payout_pending_review: payoutPendingReview,
  payout_reviewed: payoutReviewed,
  capture_failed: captureFailed,
  authorization_expiring: authorizationExpiring,
  dispute_opened: disputeOpened,
  dispute_resolved: disputeResolved,
  assignment_requeued: assignmentRequeued,
  webhook_endpoint_disabled: webhookEndpointDisabled,
  provider_on_the_way: providerOnTheWay,
  provider_arrived: providerArrived,
  attendance_confirmed: attendanceConfirmed,
  password_changed: passwordChanged,
}

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  REMINDER_KINDS.includes(value as NotificationKind)

export const CHANNEL_NAMES = ['email', 'sms'] as const
export type ChannelName = (typeof CHANNEL_NAMES)[number]

/** A message ready for a channel: email has a subject, SMS only text. */
export type RenderedMessage = { subject: string | null; text: string }

export function renderEmail(kind: NotificationKind, context: TemplateContext): EmailMessage {
  return TEMPLATES[kind].email(context)
}

export function renderSms(kind: NotificationKind, context: TemplateContext): string {
  return TEMPLATES[kind].sms(context)
}

export function render(kind: NotificationKind, channel: ChannelName, context: TemplateContext): RenderedMessage {
  if (channel === 'sms') return { subject: null, text: renderSms(kind, context) }
  return renderEmail(kind, context)
}

const HOUR = 3_600_000

/**
 * Sample data for previews: a Berlin job on a fixed date, so a preview reads the same every time. Each kind's natural
 * recipient is used (Ops for Ops alerts, the provider for provider nudges, else the customer).
 */
export function sampleContext(kind: NotificationKind, appUrl = 'http://localhost:3000'): TemplateContext {
  const start = new Date('2026-03-10T08:00:00Z')
  const role: RecipientRole = (
    {
      reminder_overdue: 'ops',
      payout_pending_review: 'ops',
      capture_failed: 'ops',
      authorization_expiring: 'ops',
      webhook_endpoint_disabled: 'ops',
      completion_nudge: 'provider',
      quote_accepted: 'provider',
      payout_reviewed: 'provider',
    } as Partial<Record<NotificationKind, RecipientRole>>
  )[kind] ?? 'customer'
  return {
    appUrl,
    recipient: { name: role === 'ops' ? 'Olivia Ops' : role === 'provider' ? 'Riley Repairs' : 'Bob Customer', role },
    timeZone: 'Europe/Berlin',
    job: { id: 42, title: 'Install ceiling lights', address: '1 Demo Street, Berlin, 10115, DE' },
    assignmentId: 7,
    customerName: 'Bob Customer',
    providerName: 'Riley Repairs',
    visit: { start, end: new Date(start.getTime() + 2 * HOUR) },
    previousVisit: { start: new Date(start.getTime() - 24 * HOUR), end: new Date(start.getTime() - 22 * HOUR) },
    windows: [
      { start, end: new Date(start.getTime() + 2 * HOUR) },
      { start: new Date(start.getTime() + 24 * HOUR), end: new Date(start.getTime() + 26 * HOUR) },
    ],
    quote: { id: 11, amount: 22_000, currency: 'EUR', providerName: 'Riley Repairs', createdAt: new Date(start.getTime() - 72 * HOUR) },
    completedAt: new Date(start.getTime() + 2 * HOUR),
    overdue: { reason: 'not_verified', since: new Date(start.getTime() + 2 * HOUR), slaMinutes: 2880 },
    payout: { reference: 'PO-7', amount: 22_000, currency: 'EUR', status: 'approved', error: 'Your card was declined.' },
    note: kind === 'dispute_opened' ? 'One fitting is loose.' : undefined,
    outcome: kind === 'dispute_resolved' ? 'verified' : undefined,
    expiresAt: new Date(start.getTime() + 96 * HOUR),
    oneTap: kind === 'visit_reminder' ? { attend: `${appUrl}/tap?t=sample-token`, anotherTime: `${appUrl}/jobs/view?id=42&propose=1` } : undefined,
    eta: kind === 'provider_on_the_way' ? { minutes: 20, at: new Date(start.getTime() - 20 * 60_000 + 20 * 60_000) } : undefined,
    account: kind === 'password_changed' ? { changedAt: start, how: 'reset' } : undefined,
    webhook: { endpointId: 3, url: 'https://hooks.example.com/jobline', reason: '50 consecutive failed attempts (limit 50)', ended: 12 },
  }
}
