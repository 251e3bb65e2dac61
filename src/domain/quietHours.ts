import { addDays, localDate, localParts, zonedTimeToUtc } from './zonedTime'

/**
 * Quiet hours: local wall-clock hours in the recipient's time zone when no reminder goes out. A reminder that falls
 * inside them is deferred to the first allowed instant, never dropped.
 */

/** Whole local hours, start inclusive and end exclusive; start > end wraps past midnight (21-8 is 21:00–08:00). */
export type QuietHours = { startHour: number; endHour: number }

const OFF = new Set(['', 'off'])
const SHAPE = /^(\d{1,2})-(\d{1,2})$/

/** Why `value` is not a quiet-hours setting ('21-8', '13-14', or '' / 'off'), or undefined when it is. */
export function quietHoursProblem(value: string, name = 'Quiet hours'): string | undefined {
  const v = value.trim().toLowerCase()
  if (OFF.has(v)) return undefined
  const m = SHAPE.exec(v)
  if (!m) return `${name} must look like "21-8" (start-end, whole hours 0–23) or "off" (got "${value}")`
  const [start, end] = [Number(m[1]), Number(m[2])]
  if (start > 23 || end > 23) return `${name} must use whole hours 0–23 (got "${value}")`
  // An empty window would mean "always quiet" to some readers and "never" to others; make the operator say "off".
  if (start === end) return `${name} start and end must differ; use "off" to disable (got "${value}")`
  return undefined
}

/** The window '21-8' describes, or null when quiet hours are off or the value is not valid (see quietHoursProblem). */
export function parseQuietHours(value: string): QuietHours | null {
  if (quietHoursProblem(value) !== undefined || OFF.has(value.trim().toLowerCase())) return null
  const m = SHAPE.exec(value.trim())!
  return { startHour: Number(m[1]), endHour: Number(m[2]) }
}

export const isQuietHour = (hour: number, { startHour, endHour }: QuietHours): boolean =>
  startHour < endHour ? hour >= startHour && hour < endHour : hour >= startHour || hour < endHour

/**
 * The first instant at or after `dueAt` whose local hour in `timeZone` is outside quiet hours; `dueAt` itself when it
 * is already allowed or quiet hours are off.
 */
export function deferForQuietHours(dueAt: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet) return dueAt
  const local = localParts(dueAt, timeZone)
  if (!isQuietHour(local.hour, quiet)) return dueAt
  // In a wrapping window the evening part (hour ≥ start) ends on the next local day.
  const nextDay = quiet.startHour > quiet.endHour && local.hour >= quiet.startHour
  const day = addDays(localDate(dueAt, timeZone), nextDay ? 1 : 0)
  // an end hour skipped by spring-forward resolves to the moment the clocks jump; a repeated one to its first pass
  return zonedTimeToUtc(day, `${String(quiet.endHour).padStart(2, '0')}:00`, timeZone)
}
