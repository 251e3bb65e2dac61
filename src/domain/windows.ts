/** A visit window: a UTC instant range, end exclusive. */
export type Window = { start: Date; end: Date }

export const toDate = (value: unknown): Date | undefined => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value)
    return Number.isNaN(d.getTime()) ? undefined : d
  }
  return undefined
}

/** Why a start/end pair is not a window at all (missing, unparseable, end not after start). */
export function windowOrderProblem(start: unknown, end: unknown): string | undefined {
  const s = toDate(start)
  const e = toDate(end)
  if (!s) return 'Start must be a date-time (ISO 8601 with an offset).'
  if (!e) return 'End must be a date-time (ISO 8601 with an offset).'
  if (e.getTime() <= s.getTime()) return 'End must be after start.'
  return undefined
}

/** Half-open ranges [a.start, a.end) and [b.start, b.end) share at least one instant. */
export const overlaps = (a: Window, b: Window): boolean =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime()
