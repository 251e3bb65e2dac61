import type { CollectionConfig } from 'payload'

import { isOps } from '../../access/isOps'
import { isOpsOrParty } from '../../access/isOpsOrParty'
import { nobody } from '../../access/nobody'
import { partyFields } from '../../fields/party'

export const REMINDER_KINDS = [
  'visit_reminder',
  'quote_follow_up',
  'completion_nudge',
  'verification_nudge',
  'reminder_overdue',
] as const
export const REMINDER_STATUSES = ['pending', 'sent', 'failed', 'suppressed'] as const
export const CHANNELS = ['email', 'sms'] as const

export const ReminderLogs: CollectionConfig<'reminder-logs'> = {
  slug: 'reminder-logs',
  access: {
    // Written only by the reminder worker (as the system); history is readable by the parties and Ops.
    create: nobody,
    read: isOpsOrParty,
    update: nobody,
    delete: isOps,
  },
  admin: {
    useAsTitle: 'dedupeKey',
    defaultColumns: ['kind', 'channel', 'status', 'reason', 'scheduledFor', 'sentAt'],
    group: 'Automation',
  },
  indexes: [{ fields: ['status', 'scheduledFor'] }],
  fields: [
    { name: 'assignment', type: 'relationship', relationTo: 'assignments', index: true },
    { name: 'quote', type: 'relationship', relationTo: 'quotes', index: true },
    ...partyFields({ required: false }),
    { name: 'kind', type: 'select', required: true, options: REMINDER_KINDS.map((k) => ({ label: k, value: k })) },
    { name: 'channel', type: 'select', required: true, options: CHANNELS.map((c) => ({ label: c, value: c })) },
    { name: 'recipient', type: 'relationship', relationTo: 'users' },
    { name: 'recipientAddress', type: 'text', admin: { description: 'Email address or phone number used.' } },
    {
      name: 'status',
      type: 'select',
            defaultValue: 'pending',
      index: true,
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
  ],
}
