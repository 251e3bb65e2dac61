import type { OverdueReason } from '../domain/reminders'
import { at, body, money } from './format'
import type { Template, TemplateContext } from './types'

const STUCK: Record<OverdueReason, string> = {
  unscheduled: 'has no visit booked',
  not_completed: 'is not marked complete after its visit',
  not_verified: 'is not verified by the customer',
}

const since = (c: TemplateContext) => (c.overdue ? ` since ${at(c, c.overdue.since)}` : '')
const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`)

export const reminderOverdue: Template = {
  kind: 'reminder_overdue',
  describe: 'Ops, once, when an assignment is stuck past REMINDER_OVERDUE_MINUTES at its current step.',
  email: (c) => ({
    subject: `Overdue: assignment ${c.assignmentId} (${c.job.title}) ${c.overdue ? STUCK[c.overdue.reason] : 'is stuck'}`,
    text: body(
      c,
      `Assignment ${c.assignmentId} for "${c.job.title}" ${c.overdue ? STUCK[c.overdue.reason] : 'is stuck'}${since(c)}.`,
      c.overdue && `That is past the ${hours(c.overdue.slaMinutes)} SLA (REMINDER_OVERDUE_MINUTES).`,
      `Customer: ${c.customerName ?? '?'} · Provider: ${c.providerName ?? '?'}`,
    ),
  }),
  sms: (c) => `Jobline Ops: assignment ${c.assignmentId} ${c.overdue ? STUCK[c.overdue.reason] : 'is stuck'} (past SLA).`,
}

export const payoutPendingReview: Template = {
  kind: 'payout_pending_review',
  describe: 'Ops, when a verified job has a payout waiting for review.',
  email: (c) => ({
    subject: `Payout to review: ${c.payout?.reference ?? `assignment ${c.assignmentId}`}`,
    text: body(
      c,
      `"${c.job.title}" is verified; the payout${c.payout ? ` ${c.payout.reference} of ${money(c.payout.amount, c.payout.currency)}` : ''} to ${c.providerName ?? 'the provider'} waits for your review.`,
      c.note && `Why review: ${c.note}`,
    ),
  }),
  sms: (c) => `Jobline Ops: ${c.payout ? `payout ${c.payout.reference}` : 'a payout'} waits for review.`,
}

export const captureFailed: Template = {
  kind: 'capture_failed',
  describe: 'Ops, when capturing the customer\'s payment failed for good.',
  email: (c) => ({
    subject: `Payment capture failed: ${c.payout?.reference ?? `assignment ${c.assignmentId}`}`,
    text: body(
      c,
      `Capturing the payment for "${c.job.title}"${c.payout ? ` (${c.payout.reference}, ${money(c.payout.amount, c.payout.currency)})` : ''} failed.`,
      (c.payout?.error ?? c.note) && `Error: ${c.payout?.error ?? c.note}`,
      'Retry the capture or send the payout to manual review in the Ops console.',
    ),
  }),
  sms: (c) => `Jobline Ops: payment capture failed for ${c.payout?.reference ?? `assignment ${c.assignmentId}`}.`,
}

export const disputeOpened: Template = {
  kind: 'dispute_opened',
  describe: 'The provider and Ops, when the customer disputes completed work.',
  email: (c) => ({
    subject: `Dispute opened: ${c.job.title}`,
    text: body(
      c,
      `${c.customerName ?? 'The customer'} disputed the work on "${c.job.title}".`,
      c.note && `Their reason: ${c.note}`,
      c.recipient.role === 'ops' ? 'Resolve it in the Ops console.' : 'Ops will look at it and contact you.',
    ),
  }),
  sms: (c) => `Jobline: the work on "${c.job.title}" was disputed. Details in the app.`,
}

export const webhookEndpointDisabled: Template = {
  kind: 'webhook_endpoint_disabled',
  describe: 'Ops, when a webhook endpoint was turned off after repeated failures (docs/webhooks.md).',
  email: (c) => ({
    subject: `Webhook endpoint disabled: ${c.webhook?.url ?? 'an endpoint'}`,
    text: body(
      c,
      `The webhook endpoint ${c.webhook?.url ?? '?'} (id ${c.webhook?.endpointId ?? '?'}) was disabled: ${c.webhook?.reason ?? 'it kept failing'}.`,
      c.webhook && `${c.webhook.ended} pending deliver${c.webhook.ended === 1 ? 'y' : 'ies'} ended failed; nothing more is sent to it.`,
      'Once the receiver works again, enable the endpoint and use "Redeliver failed" on it in the Ops console.',
    ),
  }),
  sms: (c) => `Jobline Ops: webhook endpoint ${c.webhook?.endpointId ?? ''} disabled after repeated failures.`,
}
