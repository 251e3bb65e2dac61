import type { CollectionAfterReadHook, CollectionConfig } from 'payload'

import { isOps } from '../../access/isOps'
import { isOpsOrRecipient } from '../../access/isOpsOrRecipient'
import { nobody } from '../../access/nobody'
import { partyFields } from '../../fields/party'
import { readableHistory, renderedAgain } from '../../services/notifications/history'

/** Everything the notifications service records: the scan's reminders and the event notifications. */
export const REMINDER_KINDS = [
  'visit_reminder',
  'quote_follow_up',
  'completion_nudge',
  'verification_nudge',
  'reminder_overdue',
  'quote_accepted',
  'schedule_proposed',
  'schedule_confirmed',
  'schedule_changed',
  'visit_cancelled',
  'assignment_rejected',
  'payout_pending_review',
  'payout_reviewed',
  'capture_failed',
  'authorization_expiring',
  'dispute_opened',
  'dispute_resolved',
  'assignment_requeued',
  'webhook_endpoint_disabled',
  'provider_on_the_way',
  'provider_arrived',
  'attendance_confirmed',
  'password_changed',
] as const
export const REMINDER_STATUSES = ['pending', 'sent', 'failed', 'suppressed'] as const
export const CHANNELS = ['email', 'sms'] as const

/**
 * One log opened (not a list): a sent routine reminder's subject and text, rendered again since they are not stored
 * (services/notifications/history.ts). Whoever may read the log reads what its recipient was sent.
 */
const withSentText: CollectionAfterReadHook = async ({ doc, findMany, req }) => {
  if (findMany || doc.status !== 'sent' || doc.body) return doc
  const message = await renderedAgain(req.payload, Number(doc.id))
  return message ? { ...doc, subject: message.subject, body: message.text } : doc
}

/**
 * A stored message as its recipient may read it now: a provider the work was taken from reads the town where the
 * street was (services/notifications/history.ts). Routine reminders rendered again above are narrowed already.
 */
const asReadableNow: CollectionAfterReadHook = ({ doc, req }) => readableHistory(req, doc)

export const ReminderLogs: CollectionConfig<'reminder-logs'> = {
  slug: 'reminder-logs',
  access: {
    // Written only by the reminder worker (as the system); each message is readable by its recipient and Ops.
    create: nobody,
    read: isOpsOrRecipient,
    update: nobody,
    delete: isOps,
  },
  admin: {
    useAsTitle: 'dedupeKey',
    defaultColumns: ['kind', 'channel', 'status', 'reason', 'scheduledFor', 'sentAt'],
    group: 'Automation',
  },
  hooks: { afterRead: [withSentText, asReadableNow] },
  // Every index is written on each of the worker's thousands of inserts and status changes, so only those a query
  // needs: by status, kind or due time the compound and partial indexes of the worker migrations serve.
  fields: [
    { name: 'assignment', type: 'relationship', relationTo: 'assignments', index: true },
    { name: 'quote', type: 'relationship', relationTo: 'quotes', index: true },
    ...partyFields({ required: false }),
    {
      name: 'kind',
      type: 'text',
      required: true,
      validate: (v: unknown) => (REMINDER_KINDS.includes(v as never) ? true : `Kind must be one of ${REMINDER_KINDS.join(', ')}.`),
    },
    { name: 'channel', type: 'select', required: true, options: CHANNELS.map((c) => ({ label: c, value: c })) },
    { name: 'recipient', type: 'relationship', relationTo: 'users' },
    { name: 'recipientAddress', type: 'text', admin: { description: 'Email address or phone number used.' } },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'pending',
      options: REMINDER_STATUSES.map((s) => ({ label: s, value: s })),
    },
    { name: 'reason', type: 'text', admin: { description: 'Why it was suppressed (cancelled, rescheduled, opted_out, ...).' } },
    {
      name: 'dedupeKey',
      type: 'text',
      required: true,
      unique: true,
      admin: { description: 'kind + subject + the instant it is for: the same reminder can be recorded once only.' },
    },
    { name: 'scheduledFor', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'attempts', type: 'number', defaultValue: 0, min: 0 },
    { name: 'error', type: 'textarea' },
    { name: 'sentAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'plannedStart',
      type: 'date',
      admin: { description: 'The visit start this reminder was planned for; a different start at send time means rescheduled.' },
    },
    { name: 'nextAttemptAt', type: 'date' },
    { name: 'claimedBy', type: 'text', admin: { description: 'Worker holding the claim while sending.' } },
    { name: 'leaseUntil', type: 'date', admin: { description: 'A claim older than this may be taken over by another worker.' } },
    {
      name: 'subject',
      type: 'text',
      admin: { description: 'Subject (email). A routine reminder’s is rendered again when its log is opened, from the records as they are now.' },
    },
    {
      name: 'body',
      type: 'textarea',
      admin: { description: 'Text as sent (one-tap tokens left out). A routine reminder’s is rendered again when its log is opened, from the records as they are now.' },
    },
    {
      name: 'ics',
      type: 'textarea',
      admin: { readOnly: true, description: 'The calendar invite the email carries (a booked, moved or cancelled visit).' },
    },
    { name: 'icsMethod', type: 'text', admin: { readOnly: true, description: 'REQUEST or CANCEL.' } },
  ],
}
