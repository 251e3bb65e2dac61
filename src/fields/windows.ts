import type { ArrayField, DateField } from 'payload'

import { windowOrderProblem } from '../domain/windows'

const instant = (name: 'start' | 'end'): DateField => ({
  name,
  type: 'date',
  required: true,
  admin: { date: { pickerAppearance: 'dayAndTime' } },
  ...(name === 'end'
    ? {
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          windowOrderProblem(siblingData?.start, value) ?? true,
      }
    : {}),
}) as DateField

/** An array of visit windows (UTC instants), each with its end after its start. */
export const windowsField = (name: string, overrides: Partial<ArrayField> = {}): ArrayField => ({
  name,
  type: 'array',
  fields: [{ type: 'row', fields: [instant('start'), instant('end')] }],
  ...overrides,
}) as ArrayField

export const windowGroupFields = (): DateField[] => [instant('start'), instant('end')]
