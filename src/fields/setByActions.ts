import type { Field, FieldAccess, FieldHook } from 'payload'

import { sameValue } from '../hooks/protectFields'
import { forbidden } from '../utilities/errors'

const noOne: FieldAccess = () => false

/** A group is unchanged when every field the client sent in it holds the stored value. */
const unchanged = (sent: unknown, stored: unknown): boolean =>
  sent && typeof sent === 'object' && !Array.isArray(sent) && !(sent instanceof Date) && !('id' in sent)
    ? Object.entries(sent as Record<string, unknown>).every(([k, v]) => unchanged(v, (stored as Record<string, unknown> | null)?.[k]))
    : sameValue(sent, stored)

const refuseEdit =
  (name: string, via: string): FieldHook =>
  ({ operation, value, previousValue, req }) => {
    if (operation !== 'update' || value === undefined || req.context?.transition || req.context?.trusted) return value
    if (unchanged(value, previousValue)) return value
    throw forbidden(`"${name}" changes only through the record's actions (${via}), not by editing it.`)
  }

/**
 * A workflow field (the booked visit, the card hold, the payout's state): written by the actions of src/operations
 * and the server's own tasks, never by an edit. The admin shows it read-only; a REST, GraphQL or admin update that
 * changes it answers 403 naming the field — for everyone, Ops included — and sending the stored value again is fine
 * (forms echo whole documents). `via` names the actions that do move it.
 */
export const setByActions = <F extends Field & { name: string }>(field: F, via: string): F =>
  ({
    ...field,
    access: { ...('access' in field ? field.access : {}), update: noOne },
    admin: { ...field.admin, readOnly: true },
    hooks: { ...('hooks' in field ? field.hooks : {}), beforeValidate: [refuseEdit(field.name, via), ...(('hooks' in field && field.hooks?.beforeValidate) || [])] },
  }) as F
