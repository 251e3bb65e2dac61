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
  const local = wallClock(dueAt, timeZone)
  if (!isQuietHour(local.hour, quiet)) return dueAt
  // In a wrapping window the evening part (hour ≥ start) ends on the next local day.
  const nextDay = quiet.startHour > quiet.endHour && local.hour >= quiet.startHour
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (nextDay ? 1 : 0)))
  return firstInstantAtWallTime(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: quiet.endHour },
    timeZone,
  )
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {}
  for (const p of formatterFor(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  }
}

/** The wall-clock reading at `ms` expressed as if it were UTC, so readings compare as plain numbers. */
const wallMs = (ms: number, timeZone: string): number => {
  const w = wallClock(new Date(ms), timeZone)
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) + (ms - Math.floor(ms / 1000) * 1000)
}

const HOUR = 3_600_000

/**
 * The first instant whose local wall clock reads `target` (hour:00) or later: the earlier of the two when clocks fall
 * back, and the moment clocks jump forward when that hour:00 is skipped by DST.
 */
function firstInstantAtWallTime(
  target: { year: number; month: number; day: number; hour: number },
  timeZone: string,
): Date {
  const want = Date.UTC(target.year, target.month - 1, target.day, target.hour)
  // Every UTC offset in use is within ±14h; the offsets near the target are the only ones that can map onto it.
  const offsets = new Set<number>()
  for (let k = -4; k <= 4; k++) offsets.add(wallMs(want + k * 6 * HOUR, timeZone) - (want + k * 6 * HOUR))
  const exact = [...offsets].map((o) => want - o).filter((t) => wallMs(t, timeZone) === want)
  if (exact.length > 0) return new Date(Math.min(...exact))

  // Skipped by a spring-forward gap: search for the jump, where the wall clock first passes the target.
  const candidates = [...offsets].map((o) => want - o)
  let lo = Math.min(...candidates)
  let hi = Math.max(...candidates)
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000
    if (wallMs(mid, timeZone) >= want) hi = mid
    else lo = mid
  }
  return new Date(hi)
}
