/**
 * Record ids: every collection's id is a Postgres `serial` (a positive 32-bit integer). A value that is not a whole
 * number is malformed (400: the client sent something that is not an id); a whole number outside 1…2147483647 is
 * well-formed but names a record that cannot exist (404 in a path, 400 in a body, where the field is simply wrong).
 * Checked before any query, so Postgres never sees `integer out of range` or `invalid input syntax`.
 */

export const MAX_ID = 2_147_483_647

export type IdCheck = { ok: true; id: number } | { ok: false; reason: 'malformed' | 'impossible'; message: string }

const DIGITS = /^-?\d+$/

/** Reads an id from a path segment, a query value or a JSON body value. */
export function checkId(value: unknown, label = 'id'): IdCheck {
  const n = typeof value === 'number' ? value : typeof value === 'string' && DIGITS.test(value) ? Number(value) : NaN
  if (!Number.isInteger(n)) return { ok: false, reason: 'malformed', message: `${label} must be a whole number (got ${describe(value)}).` }
  if (n < 1 || n > MAX_ID)
    return { ok: false, reason: 'impossible', message: `${label} must be from 1 to ${MAX_ID} (got ${describe(value)}).` }
  return { ok: true, id: n }
}

/** True when the value is an id that can exist. */
export const isRecordId = (value: unknown): boolean => checkId(value).ok

/** The status an id in a URL path answers with when it is refused: 400 not a number, 404 no such record can exist. */
export const pathIdStatus = (check: Exclude<IdCheck, { ok: true }>): 400 | 404 => (check.reason === 'malformed' ? 400 : 404)

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number') return String(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : typeof value
}
