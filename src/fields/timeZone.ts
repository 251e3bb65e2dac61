import type { TextField } from 'payload'

import { canonicalTimeZone, timeZoneProblem } from '../domain/timeZones'

/** An IANA time zone, stored as IANA spells it (`america/new_york` is kept as `America/New_York`). */
export const timeZoneField = (overrides: Partial<TextField> = {}): TextField => ({
  name: 'timeZone',
  type: 'text',
  defaultValue: 'America/New_York',
  admin: { description: 'IANA time zone, e.g. America/New_York or Europe/Berlin.' },
  hooks: { beforeValidate: [({ value }) => canonicalTimeZone(value) ?? value] },
  validate: (value: unknown) => timeZoneProblem(value) ?? true,
  ...overrides,
} as TextField)
