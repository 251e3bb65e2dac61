import type { Field, GroupField, NumberField, TextField } from 'payload'

import {
  DEFAULT_SWITCHES,
  PREFERENCE_GROUPS,
  type PreferenceGroup,
  normalizePhone,
  personalQuietHoursProblem,
  phoneProblem,
} from '../../domain/notificationPreferences'

/** The phone number SMS go to, kept in E.164 (`+49 30 1234567` is stored as `+49301234567`). */
export const phoneField: TextField = {
  name: 'phone',
  type: 'text',
  maxLength: 32,
  admin: { description: 'For SMS, in international format: +49 30 1234567.' },
  hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? normalizePhone(value) || null : value)] },
  validate: (value: unknown) => phoneProblem(value) ?? true,
}

const LABELS: Record<PreferenceGroup, { label: string; description: string }> = {
  reminders: { label: 'Visit reminders', description: 'Before a booked visit.' },
  nudges: { label: 'Nudges', description: 'A quote waiting for an answer, a visit to mark complete, work to verify.' },
  schedule: { label: 'Schedule changes', description: 'Times proposed, a visit booked or moved.' },
}

const switches = (group: PreferenceGroup): GroupField => ({
  name: group,
  type: 'group',
  label: LABELS[group].label,
  admin: { description: LABELS[group].description },
  fields: [
    { name: 'email', type: 'checkbox', defaultValue: DEFAULT_SWITCHES.email, label: 'Email' },
    { name: 'sms', type: 'checkbox', defaultValue: DEFAULT_SWITCHES.sms, label: 'SMS' },
  ],
})

const quietBound = (bound: 'start' | 'end'): NumberField => ({
  name: bound,
  type: 'number',
  label: bound === 'start' ? 'From (hour)' : 'Until (hour)',
  validate: (_value: unknown, { siblingData }: { siblingData: { start?: unknown; end?: unknown } }) => {
    const problem = personalQuietHoursProblem(siblingData?.start, siblingData?.end)
    return problem && problem.field === bound ? problem.message : true
  },
})

/**
 * Which messages a person gets on which channel (src/domain/notificationPreferences.ts). The worker reads these when
 * it plans a reminder and again just before it sends one; a message switched off is recorded as suppressed, opted_out.
 */
export const notificationsField: Field = {
  name: 'notifications',
  type: 'group',
  admin: { description: 'Account messages (cancellations, payouts, disputes, the provider on the way) always go by email.' },
  fields: [
    ...PREFERENCE_GROUPS.map(switches),
    {
      name: 'transactional',
      type: 'group',
      label: 'Account messages',
      admin: { description: 'Always by email; this cannot be turned off.' },
      fields: [{ name: 'sms', type: 'checkbox', defaultValue: DEFAULT_SWITCHES.sms, label: 'Also by SMS' }],
    },
    {
      name: 'quietHours',
      type: 'group',
      label: 'Quiet hours',
      admin: { description: 'Whole hours in your time zone when reminders and nudges wait; empty: the platform default.' },
      fields: [quietBound('start'), quietBound('end')],
    },
  ],
}
