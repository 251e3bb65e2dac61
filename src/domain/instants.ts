/**
 * A stored instant (a Payload `date` field) accepts only what names one moment unambiguously: a real calendar
 * date-time with an explicit offset (parsed by the same rule as proposal windows, parseOffsetDateTime), or a Date
 * from server code. No epoch numbers, no local times read as UTC, no 30 February rolled over to 2 March.
 */
import { parseOffsetDateTime } from './proposals'

/** Why a value cannot be stored as an instant, or undefined when it can (unchanged values always can). */
export function instantProblem(value: unknown, label: string, previous?: unknown): string | undefined {
  if (value === null || value === undefined) return undefined // presence is `required`'s business
  if (value === '') return `${label} must be a date-time with an offset, or null for none (got an empty string).`
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${label} is not a valid date.` : undefined
  if (previous !== undefined && previous !== null && sameInstant(value, previous)) return undefined
  const parsed = parseOffsetDateTime(value, label)
  return 'problem' in parsed ? parsed.problem : undefined
}

const sameInstant = (a: unknown, b: unknown) => {
  if (typeof a !== 'string') return false
  const other = b instanceof Date ? b.toISOString() : String(b)
  return a === other
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date as YYYY-MM-DD (2027-02-29 is not one; 2028-02-29 is). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false
  const m = DATE_ONLY.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(2000 + (y % 400), mo, 0)).getUTCDate()
}

