import type { ArrayField, DateField } from 'payload'

import { windowOrderProblem } from '../domain/windows'

const instant = (name: 'start' | 'end', required: boolean): DateField =>
  ({
    name,
    type: 'date',
    required,
    admin: { date: { pickerAppearance: 'dayAndTime' } },
    ...(name === 'end'
      ? {
          validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
            if (!required && value == null && siblingData?.start == null) return true
            return windowOrderProblem(siblingData?.start, value) ?? true
          },
        }
      : {}),
  }) as DateField

/** An array of visit windows (UTC instants), each with its end after its start. */
export const windowsField = (name: string, overrides: Partial<ArrayField> = {}): ArrayField =>
  ({
    name,
    type: 'array',
    fields: [{ type: 'row', fields: [instant('start', true), instant('end', true)] }],
    ...overrides,
  }) as ArrayField

/** A single start/end pair inside a group; both empty is allowed when not required. */
export const windowGroupFields = ({ required = true }: { required?: boolean } = {}): DateField[] => [
  instant('start', required),
  instant('end', required),
]
