/**
 * Wall-clock time in an IANA time zone, from the runtime's own zone data (Intl), for instants stored in UTC.
 *
 * DST: a local time skipped by spring-forward (02:30 on 2026-03-08 in New York) is read with the offset in force just
 * before the jump, so it lands as far past the jump as it was meant to be (03:30 EDT); a local time that happens twice
 * at fall-back (01:30 on 2026-11-01) means the earlier of the two (EDT). This is what Temporal calls "compatible".
 */
import type { Window } from './windows'

/** Wall-clock reading of an instant; weekday 0 = Sunday, like WeeklyHours. */
export type LocalParts = { year: number; month: number; day: number; weekday: number; hour: number; minute: number }

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }
const MINUTE = 60_000
const DAY = 86_400_000

// Building a formatter is slow compared to using one; zones repeat, so keep them.
const cache = new Map<string, Intl.DateTimeFormat>()
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key)
  if (!f) cache.set(key, (f = make()))
  return f
}

const partsFormatter = (timeZone: string) =>
  formatter(`parts|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
  )

/** The wall clock as Intl reads it: exact for any instant, and the slow part of every reading (formatToParts). */
function intlWallClock(date: Date, timeZone: string): LocalParts & { second: number } {
  const p: Record<string, string> = {}
  for (const part of partsFormatter(timeZone).formatToParts(date)) p[part.type] = part.value
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: WEEKDAYS[p.weekday],
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
  }
}

const QUARTER_HOUR = 15 * MINUTE
/** Offsets by zone and UTC quarter hour; cleared when it grows past a day's worth of readings for a few hundred zones. */
const offsets = new Map<string, number>()

/** From 1980 every zone's offset is a whole number of quarter hours (Monrovia's −0:44:30 ended in 1972). */
const QUARTER_HOUR_OFFSETS_SINCE = Date.UTC(1980, 0, 1)

/**
 * Minutes `timeZone` is ahead of UTC during the UTC quarter hour holding `ms`, or null where that is not one value.
 * Offsets that are whole quarter hours change only at a local — hence UTC — quarter hour, so one Intl reading serves
 * the whole quarter: a burst of reminders reads the same few zones thousands of times, and formatToParts was ~80 µs of
 * each reminder's CPU. An offset that is not a whole quarter hour is never kept.
 */
function cachedOffsetMinutes(ms: number, timeZone: string): number | null {
  if (!(ms >= QUARTER_HOUR_OFFSETS_SINCE)) return null
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const w = intlWallClock(new Date(ms), timeZone)
    const aheadMs = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000
    if (aheadMs % QUARTER_HOUR !== 0) return null
    offset = aheadMs / MINUTE
    if (offsets.size >= 100_000) offsets.clear()
    offsets.set(key, offset)
  }
  return offset
}

function wallClock(date: Date, timeZone: string): LocalParts & { second: number } {
  const offset = cachedOffsetMinutes(date.getTime(), timeZone)
  if (offset === null) return intlWallClock(date, timeZone)
  const local = new Date(date.getTime() + offset * MINUTE)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  }
}

/** What a clock on the wall in `timeZone` reads at `date`. */
export function localParts(date: Date, timeZone: string): LocalParts {
  const { second: _second, ...parts } = wallClock(date, timeZone)
  return parts
}

/** The local calendar date of `date` in `timeZone`, as YYYY-MM-DD. */
export function localDate(date: Date, timeZone: string): string {
  const { year, month, day } = localParts(date, timeZone)
  return `${year}-${pad(month)}-${pad(day)}`
}

/** The day after (or `days` after) a YYYY-MM-DD date; calendar arithmetic, no time zone involved. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Minutes `timeZone` is ahead of UTC at `ms` (−300 for New York in winter). */
function offsetMinutesAt(ms: number, timeZone: string): number {
  const w = wallClock(new Date(ms), timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE)
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2})$/

/**
 * The instant a wall clock in `timeZone` reads `time` ('HH:MM', '24:00' = midnight ending the day) on `localDate`
 * ('YYYY-MM-DD'). Gaps and repeats at DST changes are resolved as the top-of-file comment says.
 */
export function zonedTimeToUtc(localDate: string, time: string, timeZone: string): Date {
  const d = DATE.exec(localDate)
  const t = TIME.exec(time)
  if (!d) throw new Error(`Local date must be YYYY-MM-DD (got "${localDate}").`)
  if (!t) throw new Error(`Local time must be HH:MM (got "${time}").`)
  const [hour, minute] = [Number(t[1]), Number(t[2])]
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) throw new Error(`Local time must be 00:00–24:00 (got "${time}").`)
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), hour, minute)

  // Offsets a day either side of the wall time bracket any DST change that could touch it.
  const before = offsetMinutesAt(wall - DAY, timeZone)
  const after = offsetMinutesAt(wall + DAY, timeZone)
  const readsRight = (ms: number) => ms + offsetMinutesAt(ms, timeZone) * MINUTE === wall
  const candidates = [wall - before * MINUTE, wall - after * MINUTE].filter(readsRight)
  if (candidates.length > 0) return new Date(Math.min(...candidates))
  // Skipped by spring-forward: keep the pre-jump offset, which lands the same distance past the jump.
  return new Date(wall - before * MINUTE)
}

const dateFormatter = (timeZone: string) =>
  formatter(`date|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }),
  )

const zoneNameFormatter = (locale: string, timeZone: string) =>
  formatter(`zone|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }))

const zoneNamePart = (locale: string, date: Date, timeZone: string): string =>
  zoneNameFormatter(locale, timeZone)
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value ?? ''

const isOffsetName = (name: string) => name === '' || /^(GMT|UTC)[+\-\u2212]/.test(name)

/** The zone's short name at `date`, read from Intl (two formatToParts: the slow part of every formatted reminder). */
function intlZoneAbbreviation(date: Date, timeZone: string): string {
  const us = zoneNamePart('en-US', date, timeZone)
  if (!isOffsetName(us)) return us
  const gb = zoneNamePart('en-GB', date, timeZone)
  if (!isOffsetName(gb)) return gb
  return us || gb || timeZone
}

/** Zone names by zone and UTC quarter hour, as `offsets` keeps offsets (a name changes only where the offset does). */
const zoneNames = new Map<string, string>()

/**
 * The zone's short name at `date`: EDT/EST from en-US, CET/CEST/BST from en-GB (en-US says "GMT+1" there), and the GMT
 * offset when no language has a name for it (Asia/Kolkata → GMT+5:30).
 */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  const ms = date.getTime()
  if (!(ms >= QUARTER_HOUR_OFFSETS_SINCE)) return intlZoneAbbreviation(date, timeZone)
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`
  let name = zoneNames.get(key)
  if (name === undefined) {
    name = intlZoneAbbreviation(date, timeZone)
    if (zoneNames.size >= 100_000) zoneNames.clear()
    zoneNames.set(key, name)
  }
  return name
}

const pad = (n: number) => String(n).padStart(2, '0')

const clockTime = ({ hour, minute }: LocalParts) => `${hour % 12 || 12}:${pad(minute)}`
const meridiem = ({ hour }: LocalParts) => (hour < 12 ? 'AM' : 'PM')

/** Local dates as text, by zone and local date (the same few days, read thousands of times in a burst). */
const dateTexts = new Map<string, string>()

/** "Tue, Mar 10, 2026" — the local date part. */
function dateText(date: Date, timeZone: string): string {
  const { year, month, day } = localParts(date, timeZone)
  const key = `${timeZone}|${year}-${month}-${day}`
  let text = dateTexts.get(key)
  if (text === undefined) {
    text = dateFormatter(timeZone).format(date)
    if (dateTexts.size >= 100_000) dateTexts.clear()
    dateTexts.set(key, text)
  }
  return text
}

/** An instant as people in `timeZone` read it, zone named so nobody guesses: "Tue, Mar 10, 2026, 9:00 AM EDT". */
export function formatInZone(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone)
  return `${dateText(date, timeZone)}, ${clockTime(p)} ${meridiem(p)} ${zoneAbbreviation(date, timeZone)}`
}

/**
 * A window as people in `timeZone` read it: "Tue, Mar 10, 2026, 9:00 – 11:00 AM EDT" on one day, "9:00 AM – 1:00 PM"
 * across noon, both ends in full when the date or the zone name (a DST change) differs.
 */
export function formatWindowInZone(window: Window, timeZone: string): string {
  const [s, e] = [localParts(window.start, timeZone), localParts(window.end, timeZone)]
  const [sZone, eZone] = [zoneAbbreviation(window.start, timeZone), zoneAbbreviation(window.end, timeZone)]
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day
  if (!sameDay) return `${formatInZone(window.start, timeZone)} – ${formatInZone(window.end, timeZone)}`
  const date = dateText(window.start, timeZone)
  if (sZone !== eZone) return `${date}, ${clockTime(s)} ${meridiem(s)} ${sZone} – ${clockTime(e)} ${meridiem(e)} ${eZone}`
  const startText = meridiem(s) === meridiem(e) ? clockTime(s) : `${clockTime(s)} ${meridiem(s)}`
  return `${date}, ${startText} – ${clockTime(e)} ${meridiem(e)} ${eZone}`
}
