import type { TextField } from 'payload'

import { timeZoneProblem } from '../domain/timeZones'

export const timeZoneField = (overrides: Partial<TextField> = {}): TextField => ({
  name: 'timeZone',
  type: 'text',
  defaultValue: 'America/New_York',
  admin: { description: 'IANA time zone, e.g. America/New_York or Europe/Berlin.' },
  validate: (value: unknown) => timeZoneProblem(value) ?? true,
  ...overrides,
} as TextField)
