import type { CollectionBeforeValidateHook } from 'payload'

import { userIsOps } from '../access/isOps'
import { idOf } from '../utilities/idOf'
import { forbidden } from '../utilities/errors'

const normalize = (value: unknown): unknown => {
  if (Array.isArray(value)) return JSON.stringify(value.map(normalize))
  if (value && typeof value === 'object' && 'id' in value) return String(idOf(value))
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toISOString()
  return value ?? null
}

/** Whether a value a client sent is the one stored: ids, populated relations, numbers as text and ISO dates compare equal. */
export const sameValue = (sent: unknown, stored: unknown): boolean => normalize(sent) === normalize(stored)

/**
 * Customers and providers may not set these fields through a plain create/update (REST, GraphQL, admin): they change
 * only through actions, which ask the lifecycle table. `defaults` maps each protected field to its default value. Sending an unchanged value is fine (forms echo whole documents).
 * A change is refused with 403 naming the field, so a client learns why instead of seeing it silently dropped.
 */
const isEmpty = (value: unknown) => value == null || (Array.isArray(value) && value.length === 0)

export const protectFields =
  (defaults: Record<string, unknown>): CollectionBeforeValidateHook =>
  ({ data, originalDoc, operation, req }) => {
    if (!data || !req.user || userIsOps(req.user) || req.context?.trusted) return data
    for (const [field, fallback] of Object.entries(defaults)) {
      if (!(field in data) || data[field] === undefined) continue
      if (operation === 'create') {
        // field defaults are filled in before this hook runs, so the default itself is not a choice the client made
        if (isEmpty(data[field]) || sameValue(data[field], fallback)) continue
        throw forbidden(`"${field}" is set by Jobline, not by you: leave it out.`)
      }
      if (!sameValue(data[field], originalDoc?.[field])) {
        throw forbidden(`"${field}" can only be changed through its action, not by editing the record.`)
      }
    }
    return data
  }
