/**
 * Provider availability: weekly working hours and days off, both in the provider's own time zone, and the reasons a
 * proposed visit window clashes with them, with the provider's other visits, or with the customer's preferred times.
 * Conflicts are reported, not enforced: the caller decides which ones block a booking.
 */
import { addDays, formatWindowInZone, localDate, localParts, zonedTimeToUtc } from './zonedTime'
import { overlaps, type Window } from './windows'

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

/** Blocks of working time per weekday (0 = Sunday), local 'HH:MM', start inclusive, end exclusive ('24:00' = midnight). */
export type WeeklyHours = { day: Weekday; start: string; end: string }[]

export type Availability = {
  timeZone: string
  weeklyHours: WeeklyHours
  /** Whole local days off, YYYY-MM-DD in the provider's zone. */
  blackoutDates: string[]
}

export type ConflictKind = 'overlaps_visit' | 'outside_working_hours' | 'blackout' | 'outside_preferred'

export type Conflict = { kind: ConflictKind; message: string; with?: Window }

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** Minutes since local midnight for a valid 'HH:MM' (00:00–24:00), else undefined. */
function minutesOfDay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const m = HHMM.exec(value)
  if (!m) return undefined
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return minutes > 24 * 60 ? undefined : minutes
}

/** Why `value` is not a WeeklyHours list, or undefined when it is. An empty list means "no hours set". */
export function weeklyHoursProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'Weekly hours must be a list of { day, start, end } blocks.'
  for (const [i, row] of value.entries()) {
    const where = `Weekly hours block ${i + 1}`
    if (typeof row !== 'object' || row === null) return `${where} must be an object with day, start and end.`
    const { day, start, end } = row as Record<string, unknown>
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 0 || day > 6)
      return `${where}: day must be a whole number 0–6 (0 = Sunday), got ${JSON.stringify(day)}.`
    const s = minutesOfDay(start)
    const e = minutesOfDay(end)
    if (s === undefined) return `${where}: start must be HH:MM between 00:00 and 24:00, got ${JSON.stringify(start)}.`
    if (e === undefined) return `${where}: end must be HH:MM between 00:00 and 24:00, got ${JSON.stringify(end)}.`
    // Overnight shifts are two blocks (22:00–24:00 and 00:00–06:00 the next day), so a block never wraps.
    if (s >= e) return `${where} (${DAY_NAMES[day]}): start ${start} must be before end ${end}; split overnight hours at 24:00.`
  }
  return undefined
}

const isCalendarDate = (value: string): boolean => {
  const m = YMD.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** Why `value` is not a list of blackout dates (YYYY-MM-DD, real calendar days), or undefined when it is. */
export function blackoutDatesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'Blackout dates must be a list of dates like 2026-12-25.'
  for (const [i, date] of value.entries()) {
    if (typeof date !== 'string' || !isCalendarDate(date))
      return `Blackout date ${i + 1} must be a real date written YYYY-MM-DD, got ${JSON.stringify(date)}.`
  }
  return undefined
}

/** The working blocks of one local date as UTC windows (DST days are shorter or longer in real time). */
function workingBlocksOn(date: string, availability: Availability): Window[] {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return availability.weeklyHours
    .filter((block) => block.day === weekday)
    .map((block) => ({
      start: zonedTimeToUtc(date, block.start, availability.timeZone),
      end: block.end === '24:00'
        ? zonedTimeToUtc(addDays(date, 1), '00:00', availability.timeZone)
        : zonedTimeToUtc(date, block.end, availability.timeZone),
    }))
}

/** Blocks that touch or overlap become one stretch, so Mon 22:00–24:00 + Tue 00:00–02:00 covers an overnight visit. */
function mergeTouching(blocks: Window[]): Window[] {
  const sorted = [...blocks].sort((a, b) => a.start.getTime() - b.start.getTime())
  const merged: Window[] = []
  for (const b of sorted) {
    const last = merged[merged.length - 1]
    if (last && b.start.getTime() <= last.end.getTime()) {
      if (b.end.getTime() > last.end.getTime()) last.end = b.end
    } else merged.push({ start: b.start, end: b.end })
  }
  return merged
}

/** Local dates (provider's zone) the window occupies; the end instant is exclusive, so ending at midnight stays put. */
function localDatesTouched(window: Window, timeZone: string): string[] {
  const first = localDate(window.start, timeZone)
  const last = localDate(new Date(Math.max(window.start.getTime(), window.end.getTime() - 1)), timeZone)
  const dates = [first]
  // Bounded so a nonsense window cannot loop for ever; no visit spans anywhere near a year.
  while (dates[dates.length - 1] < last && dates.length < 400) dates.push(addDays(dates[dates.length - 1], 1))
  return dates
}

const contains = (outer: Window, inner: Window) =>
  outer.start.getTime() <= inner.start.getTime() && inner.end.getTime() <= outer.end.getTime()

/** True when the window lies inside continuous working time that begins on or before its start, per local day. */
function withinWorkingHours(window: Window, availability: Availability): boolean {
  const blocks = localDatesTouched(window, availability.timeZone).flatMap((d) => workingBlocksOn(d, availability))
  return mergeTouching(blocks).some((stretch) => contains(stretch, window))
}

/** "Tuesday 09:00–12:00, 13:00–17:00" or "none on Sunday": the hours of the local day a window starts on. */
function hoursOn(instant: Date, availability: Availability): string {
  const weekday = localParts(instant, availability.timeZone).weekday
  const blocks = availability.weeklyHours
    .filter((b) => b.day === weekday)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((b) => `${b.start}–${b.end}`)
  return blocks.length > 0 ? `${DAY_NAMES[weekday]} ${blocks.join(', ')}` : `none on ${DAY_NAMES[weekday]}`
}

export type ConflictContext = {
  availability?: Availability
  /** The provider's other scheduled visits. */
  otherVisits: Window[]
  /** The customer's preferred windows; empty or absent means "any time". */
  preferredWindows?: Window[]
  /** The zone messages show times in (the job's); defaults to the provider's, then UTC. */
  displayTimeZone?: string
}

/** Every reason `window` is a poor fit for this provider and customer; an empty list means no conflicts. */
export function windowConflicts(window: Window, context: ConflictContext): Conflict[] {
  const { availability, otherVisits, preferredWindows = [] } = context
  const zone = context.displayTimeZone ?? availability?.timeZone ?? 'UTC'
  const shown = (w: Window) => formatWindowInZone(w, zone)
  const conflicts: Conflict[] = []

  for (const visit of otherVisits) {
    if (overlaps(window, visit))
      conflicts.push({
        kind: 'overlaps_visit',
        message: `Overlaps the provider's visit ${shown(visit)}; pick a time before or after it.`,
        with: visit,
      })
  }

  if (availability && availability.weeklyHours.length > 0 && !withinWorkingHours(window, availability))
    conflicts.push({
      kind: 'outside_working_hours',
      message: `${shown(window)} is outside the provider's working hours (${hoursOn(window.start, availability)}); pick a time within them.`,
    })

  if (availability) {
    const off = new Set(availability.blackoutDates)
    for (const date of localDatesTouched(window, zone).filter((d) => off.has(d)))
      conflicts.push({ kind: 'blackout', message: `The provider is not available on ${date}; pick another day.` })
  }

  if (preferredWindows.length > 0 && !preferredWindows.some((p) => contains(p, window)))
    conflicts.push({
      kind: 'outside_preferred',
      message: `${shown(window)} is not inside any of the customer's preferred times; pick a time within one of them.`,
    })

  return conflicts
}
