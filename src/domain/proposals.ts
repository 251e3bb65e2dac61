/**
 * Proposal windows: the visit times a customer or provider offers for an assignment, checked before anyone sees them.
 *
 * DST decision: every start and end must carry an explicit UTC offset, and the instant is stored exactly as that
 * offset says; nothing is re-interpreted in a zone. A window that spans the spring-forward gap is therefore shorter on
 * the wall clock than in real time (01:30 EST → 03:30 EDT is one hour), and one that spans the fall-back hour is longer
 * (01:30 EDT → 01:30 EST is one hour). Length limits are measured in real elapsed minutes, the time the visit takes.
 */
import { overlaps, type Window } from './windows'

export type ProposalRules = {
  now: Date
  /** Shortest window, in minutes. */
  minMinutes?: number
  /** Longest window, in minutes. */
  maxMinutes?: number
  /** How far ahead of now a window must start, so the other side has time to answer. */
  minNoticeMinutes?: number
  /** How far ahead a window may end. */
  maxDaysAhead?: number
  /** Most windows in one proposal. */
  maxWindows?: number
}

export type FieldError = { field: string; message: string }

export type ProposalResult = { ok: true; windows: Window[] } | { ok: false; errors: FieldError[] }

export const PROPOSAL_DEFAULTS: Required<Omit<ProposalRules, 'now'>> = {
  minMinutes: 30,
  maxMinutes: 720,
  minNoticeMinutes: 120,
  maxDaysAhead: 180,
  maxWindows: 5,
}

const MINUTE = 60_000
const EXAMPLE = '2026-03-10T09:00:00-05:00'

/** ISO 8601 date-time: date, T, hh:mm[:ss[.fff]], then an optional offset (absence is reported, not guessed). */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-](\d{2}):(\d{2}))?$/

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** "90 minutes", "12 hours", "1 hour 30 minutes" — how long, in words people use. */
export function describeMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  const hours = h === 1 ? '1 hour' : `${h} hours`
  const mins = m === 1 ? '1 minute' : `${m} minutes`
  if (h === 0) return mins
  return m === 0 ? hours : `${hours} ${mins}`
}

/** The instant an offset-carrying ISO date-time names, or why it does not name one. */
export function parseOffsetDateTime(value: unknown, label: string): { date: Date } | { problem: string } {
  if (value === undefined || value === null || value === '')
    return { problem: `${label} is required: an ISO 8601 date-time with an offset, such as ${EXAMPLE}.` }
  if (typeof value !== 'string')
    return { problem: `${label} must be a string such as ${EXAMPLE} (got ${typeof value}).` }
  const m = ISO_DATE_TIME.exec(value.trim())
  if (!m) return { problem: `${label} must be an ISO 8601 date-time with an offset, such as ${EXAMPLE} (got "${value}").` }
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0))
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return { problem: `${label} is not a real date and time (got "${value}"); check the month, day and hour.` }
  // Local times without an offset are ambiguous across DST and across the people involved; make the sender say which.
  if (!m[8]) return { problem: `${label} "${value}" has no time zone offset; add an offset such as -05:00 or Z.` }
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59))
    return { problem: `${label} has an impossible offset (got "${value}"); use one like -05:00, +01:00 or Z.` }
  // Built from the checked parts, not Date.parse, whose leniency (Feb 30 → Mar 2, lower-case t) varies by runtime.
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3))
  const offset = m[9] === undefined ? 0 : (m[8].startsWith('-') ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]))
  const wall = new Date(0)
  wall.setUTCFullYear(year, month - 1, day) // not Date.UTC, which reads years 0–99 as 1900–1999
  wall.setUTCHours(hour, minute, second, millis)
  return { date: new Date(wall.getTime() - offset * MINUTE) }
}

/**
 * Validates the `windows` field of a proposal request: 1–maxWindows windows, each with offset-carrying start and end,
 * a sensible length, enough notice, not too far ahead, and none overlapping another in the same proposal.
 */
export function validateProposalWindows(input: unknown, opts: ProposalRules): ProposalResult {
  const rules = { ...PROPOSAL_DEFAULTS, ...stripUndefined(opts) }
  const now = opts.now.getTime()

  if (!Array.isArray(input))
    return fail([{ field: 'windows', message: `Windows must be a list of { start, end } pairs, such as [{ "start": "${EXAMPLE}", "end": "2026-03-10T11:00:00-05:00" }].` }])
  if (input.length === 0) return fail([{ field: 'windows', message: 'Propose at least one window.' }])
  if (input.length > rules.maxWindows) {
    const extra = input.length - rules.maxWindows
    return fail([{ field: 'windows', message: `Propose at most ${rules.maxWindows} windows (got ${input.length}); remove ${extra}.` }])
  }

  const errors: FieldError[] = []
  const windows: (Window | undefined)[] = input.map((raw, i) => {
    const at = `windows[${i}]`
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ field: at, message: 'Each window must be an object with start and end.' })
      return undefined
    }
    const { start, end } = raw as Record<string, unknown>
    const s = parseOffsetDateTime(start, 'Start')
    const e = parseOffsetDateTime(end, 'End')
    if ('problem' in s) errors.push({ field: `${at}.start`, message: s.problem })
    if ('problem' in e) errors.push({ field: `${at}.end`, message: e.problem })
    if (!('date' in s) || !('date' in e)) return undefined

    const window = { start: s.date, end: e.date }
    const problems = windowRuleProblems(window, now, rules)
    for (const p of problems) errors.push({ field: `${at}.${p.field}`, message: p.message })
    return window
  })

  // Compare each window only with earlier readable ones, so the error sits on the later window of the pair.
  windows.forEach((w, i) => {
    if (!w || w.end.getTime() <= w.start.getTime()) return
    const earlier = windows.findIndex((o, j) => j < i && o && o.end.getTime() > o.start.getTime() && overlaps(o, w))
    if (earlier >= 0)
      errors.push({
        field: `windows[${i}]`,
        message: `Overlaps windows[${earlier}]; move this window so they do not overlap, or merge them into one.`,
      })
  })

  return errors.length > 0 ? fail(errors) : { ok: true, windows: windows as Window[] }
}

/** Rules for a single readable window, relative to now; field is 'start' or 'end', whichever to change. */
function windowRuleProblems(w: Window, now: number, rules: Required<Omit<ProposalRules, 'now'>>): FieldError[] {
  const start = w.start.getTime()
  const end = w.end.getTime()
  const problems: FieldError[] = []

  if (end === start)
    problems.push({ field: 'end', message: `End equals start; make the window at least ${describeMinutes(rules.minMinutes)} long.` })
  else if (end < start) problems.push({ field: 'end', message: 'End is before start; move end later than start.' })
  else {
    const minutes = (end - start) / MINUTE
    if (minutes < rules.minMinutes)
      problems.push({ field: 'end', message: `Window is ${describeMinutes(minutes)}; make it at least ${describeMinutes(rules.minMinutes)} long.` })
    if (minutes > rules.maxMinutes)
      problems.push({ field: 'end', message: `Window is ${describeMinutes(minutes)}; make it at most ${describeMinutes(rules.maxMinutes)} long.` })
  }

  if (start < now) problems.push({ field: 'start', message: 'Start is in the past; pick a time later than now.' })
  else if (start < now + rules.minNoticeMinutes * MINUTE)
    problems.push({
      field: 'start',
      message: `Start must be at least ${describeMinutes(rules.minNoticeMinutes)} from now, so the other side can respond; pick a later time.`,
    })

  if (end > now + rules.maxDaysAhead * 24 * 60 * MINUTE)
    problems.push({ field: 'end', message: `End must be within ${rules.maxDaysAhead} days from now; pick an earlier date.` })

  return problems
}

const fail = (errors: FieldError[]): ProposalResult => ({ ok: false, errors })

// `{ minMinutes: undefined }` must mean "use the default", not erase it.
const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
