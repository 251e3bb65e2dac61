import type { Field, GroupField, NumberField, TextField } from 'payload'

import { DEFAULT_SWITCHES, PREFERENCE_GROUPS, type PreferenceGroup, personalQuietHoursProblem } from '../../domain/notificationPreferences'
import { phoneCountryOf, phoneProblem, readPhone } from '../../domain/phoneNumbers'

type WithTimeZone = { timeZone?: unknown } | undefined

/**
 * The phone number SMS go to, kept in E.164. Typed without + or 00 it is read as a number of the person's country, the
 * country of their time zone (src/domain/phoneNumbers.ts): the zone sent with it, else the stored one (a PATCH of the
 * phone alone). Read in beforeChange, when the time zone has its default and its IANA spelling; refused with an example
 * from that country. A number kept as it was is not judged again, so one stored under older rules blocks no save.
 */
export const phoneField: TextField = {
  name: 'phone',
  type: 'text',
  maxLength: 32,
  admin: { description: "For SMS. A number without + and the country code is read as one of the person's country (from their time zone); kept as +12015550123." },
  hooks: {
    beforeChange: [
      ({ value, siblingData, originalDoc }) => {
        if (value === undefined) return value // not sent: kept as stored
        const reading = readPhone(value, phoneCountryOf((siblingData as WithTimeZone)?.timeZone ?? (originalDoc as WithTimeZone)?.timeZone))
        return 'phone' in reading ? reading.phone : value
      },
    ],
  },
  validate: (value: unknown, { siblingData, previousValue }: { siblingData: WithTimeZone; previousValue?: unknown }) => {
    if (value != null && value === previousValue) return true
    return phoneProblem(value, phoneCountryOf(siblingData?.timeZone)) ?? true
  },
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
