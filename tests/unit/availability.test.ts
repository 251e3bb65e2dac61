import { describe, expect, it } from '@jest/globals'

import {
  blackoutDatesProblem,
  weeklyHoursProblem,
  windowConflicts,
  type Availability,
  type WeeklyHours,
} from '../../src/domain/availability'
import type { Window } from '../../src/domain/windows'

const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'
const w = (start: string, end: string): Window => ({ start: new Date(start), end: new Date(end) })

const weekdays = (start: string, end: string): WeeklyHours =>
  ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start, end }))

const provider = (over: Partial<Availability> = {}): Availability => ({
  timeZone: NY,
  weeklyHours: weekdays('09:00', '17:00'),
  blackoutDates: [],
  ...over,
})

const kinds = (window: Window, ctx: Parameters<typeof windowConflicts>[1]) => windowConflicts(window, ctx).map((c) => c.kind)

// Tuesday 2026-03-10, New York is on EDT (UTC-4).
const TUE_9_TO_11 = w('2026-03-10T13:00:00Z', '2026-03-10T15:00:00Z')

describe('working hours (checked in the provider’s time zone)', () => {
  it('accepts a window inside the day’s hours', () => {
    expect(windowConflicts(TUE_9_TO_11, { availability: provider(), otherVisits: [] })).toEqual([])
  })

  it('accepts a window that exactly fills the hours', () => {
    expect(kinds(w('2026-03-10T13:00:00Z', '2026-03-10T21:00:00Z'), { availability: provider(), otherVisits: [] })).toEqual([])
  })

  it('flags a window starting before hours, naming the day’s hours in the message', () => {
    const [c] = windowConflicts(w('2026-03-10T12:00:00Z', '2026-03-10T14:00:00Z'), { availability: provider(), otherVisits: [] })
    expect(c.kind).toBe('outside_working_hours')
    expect(c.message).toContain('Tue, Mar 10, 2026, 8:00 – 10:00 AM EDT')
    expect(c.message).toContain('Tuesday 09:00–17:00')
  })

  it('flags a window running past the end of hours', () => {
    expect(kinds(w('2026-03-10T20:00:00Z', '2026-03-10T22:00:00Z'), { availability: provider(), otherVisits: [] })).toEqual([
      'outside_working_hours',
    ])
  })

  it('flags a window on a day with no hours and says so', () => {
    const [c] = windowConflicts(w('2026-03-14T14:00:00Z', '2026-03-14T16:00:00Z'), { availability: provider(), otherVisits: [] })
    expect(c.kind).toBe('outside_working_hours')
    expect(c.message).toContain('none on Saturday')
  })

  it('uses the provider’s zone: 3–5 PM in New York is 8–10 PM in Berlin', () => {
    const nyAfternoon = w('2026-03-10T19:00:00Z', '2026-03-10T21:00:00Z')
    expect(kinds(nyAfternoon, { availability: provider(), otherVisits: [] })).toEqual([])
    expect(kinds(nyAfternoon, { availability: provider({ timeZone: BERLIN }), otherVisits: [] })).toEqual(['outside_working_hours'])
    expect(kinds(w('2026-03-10T08:00:00Z', '2026-03-10T10:00:00Z'), { availability: provider({ timeZone: BERLIN }), otherVisits: [] })).toEqual([])
  })

  it('treats empty weekly hours as "no hours set", not "never available"', () => {
    expect(kinds(w('2026-03-14T03:00:00Z', '2026-03-14T05:00:00Z'), { availability: provider({ weeklyHours: [] }), otherVisits: [] })).toEqual([])
  })

  it('does not check hours when there is no availability at all', () => {
    expect(kinds(w('2026-03-14T03:00:00Z', '2026-03-14T05:00:00Z'), { otherVisits: [] })).toEqual([])
  })

  it('does not let a window straddle a lunch break between two blocks', () => {
    const split: WeeklyHours = [
      { day: 2, start: '09:00', end: '12:00' },
      { day: 2, start: '13:00', end: '17:00' },
    ]
    const ctx = { availability: provider({ weeklyHours: split }), otherVisits: [] }
    expect(kinds(w('2026-03-10T15:00:00Z', '2026-03-10T18:00:00Z'), ctx)).toEqual(['outside_working_hours']) // 11–14
    expect(kinds(w('2026-03-10T17:00:00Z', '2026-03-10T19:00:00Z'), ctx)).toEqual([]) // 13–15
  })

  it('treats back-to-back blocks as continuous time', () => {
    const joined: WeeklyHours = [
      { day: 2, start: '09:00', end: '12:00' },
      { day: 2, start: '12:00', end: '17:00' },
    ]
    expect(kinds(w('2026-03-10T15:00:00Z', '2026-03-10T18:00:00Z'), { availability: provider({ weeklyHours: joined }), otherVisits: [] })).toEqual([])
  })

  describe('windows crossing local midnight', () => {
    const late: WeeklyHours = [{ day: 2, start: '20:00', end: '24:00' }]
    // Tue 23:00 EDT → Wed 01:00 EDT
    const overnight = w('2026-03-11T03:00:00Z', '2026-03-11T05:00:00Z')

    it('are outside when the next morning has no hours', () => {
      expect(kinds(overnight, { availability: provider({ weeklyHours: late }), otherVisits: [] })).toEqual(['outside_working_hours'])
    })

    it('are inside when hours continue past midnight on the next day', () => {
      const night: WeeklyHours = [...late, { day: 3, start: '00:00', end: '02:00' }]
      expect(kinds(overnight, { availability: provider({ weeklyHours: night }), otherVisits: [] })).toEqual([])
    })

    it('are outside when the next day’s hours start later than the window ends', () => {
      const gap: WeeklyHours = [...late, { day: 3, start: '00:30', end: '02:00' }]
      expect(kinds(overnight, { availability: provider({ weeklyHours: gap }), otherVisits: [] })).toEqual(['outside_working_hours'])
    })
  })

  describe('on DST days, hours follow the local clock', () => {
    const sundays: WeeklyHours = [{ day: 0, start: '09:00', end: '17:00' }]

    it('New York spring forward (Sun 2026-03-08): 9–5 is 13:00–21:00 UTC, not the EST 14:00–22:00', () => {
      const ctx = { availability: provider({ weeklyHours: sundays }), otherVisits: [] }
      expect(kinds(w('2026-03-08T13:00:00Z', '2026-03-08T15:00:00Z'), ctx)).toEqual([]) // 9–11 EDT
      expect(kinds(w('2026-03-08T20:00:00Z', '2026-03-08T22:00:00Z'), ctx)).toEqual(['outside_working_hours']) // 4–6 PM EDT
    })

    it('New York fall back (Sun 2026-11-01): 9–5 is 14:00–22:00 UTC, not the EDT 13:00–21:00', () => {
      const ctx = { availability: provider({ weeklyHours: sundays }), otherVisits: [] }
      expect(kinds(w('2026-11-01T14:00:00Z', '2026-11-01T16:00:00Z'), ctx)).toEqual([]) // 9–11 EST
      expect(kinds(w('2026-11-01T13:00:00Z', '2026-11-01T15:00:00Z'), ctx)).toEqual(['outside_working_hours']) // 8–10 EST
    })

    it('Berlin spring forward (Sun 2026-03-29): 9–5 is 07:00–15:00 UTC', () => {
      const ctx = { availability: provider({ timeZone: BERLIN, weeklyHours: sundays }), otherVisits: [] }
      expect(kinds(w('2026-03-29T07:00:00Z', '2026-03-29T09:00:00Z'), ctx)).toEqual([]) // 9–11 CEST
      expect(kinds(w('2026-03-29T06:00:00Z', '2026-03-29T08:00:00Z'), ctx)).toEqual(['outside_working_hours']) // 8–10 CEST
    })

    it('Berlin fall back (Sun 2026-10-25): 9–5 is 08:00–16:00 UTC', () => {
      const ctx = { availability: provider({ timeZone: BERLIN, weeklyHours: sundays }), otherVisits: [] }
      expect(kinds(w('2026-10-25T08:00:00Z', '2026-10-25T10:00:00Z'), ctx)).toEqual([]) // 9–11 CET
      expect(kinds(w('2026-10-25T07:00:00Z', '2026-10-25T09:00:00Z'), ctx)).toEqual(['outside_working_hours']) // 8–10 CET
    })

    it('an overnight shift across spring forward covers the 6 real hours Sat 22:00 EST → Sun 05:00 EDT', () => {
      const night: WeeklyHours = [
        { day: 6, start: '22:00', end: '24:00' },
        { day: 0, start: '00:00', end: '05:00' },
      ]
      const ctx = { availability: provider({ weeklyHours: night }), otherVisits: [] }
      expect(kinds(w('2026-03-08T03:00:00Z', '2026-03-08T09:00:00Z'), ctx)).toEqual([])
      expect(kinds(w('2026-03-08T03:00:00Z', '2026-03-08T10:00:00Z'), ctx)).toEqual(['outside_working_hours'])
    })

    it('early hours on fall-back night in New York last 4 real hours (00:00–03:00 local)', () => {
      const early: WeeklyHours = [{ day: 0, start: '00:00', end: '03:00' }]
      const ctx = { availability: provider({ weeklyHours: early }), otherVisits: [] }
      expect(kinds(w('2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z'), ctx)).toEqual([])
      expect(kinds(w('2026-11-01T04:00:00Z', '2026-11-01T08:30:00Z'), ctx)).toEqual(['outside_working_hours'])
    })
  })
})

describe('blackout dates (whole local days off)', () => {
  it('flags a window on a blackout date and names the date', () => {
    const conflicts = windowConflicts(TUE_9_TO_11, { availability: provider({ blackoutDates: ['2026-03-10'] }), otherVisits: [] })
    expect(conflicts).toEqual([{ kind: 'blackout', message: expect.stringContaining('2026-03-10') }])
  })

  it('uses the provider’s local date: Tuesday 9 PM in New York is already Wednesday in UTC', () => {
    const evening = w('2026-03-11T01:00:00Z', '2026-03-11T02:00:00Z')
    const hoursOff = { weeklyHours: [] }
    expect(kinds(evening, { availability: provider({ ...hoursOff, blackoutDates: ['2026-03-10'] }), otherVisits: [] })).toEqual(['blackout'])
    expect(kinds(evening, { availability: provider({ ...hoursOff, blackoutDates: ['2026-03-11'] }), otherVisits: [] })).toEqual([])
  })

  it('uses Berlin dates for a Berlin provider: 23:30 UTC is already the next day there', () => {
    const lateUtc = w('2026-03-10T23:30:00Z', '2026-03-11T00:30:00Z')
    expect(kinds(lateUtc, { availability: provider({ timeZone: BERLIN, weeklyHours: [], blackoutDates: ['2026-03-11'] }), otherVisits: [] })).toEqual(['blackout'])
  })

  it('flags a window that runs past midnight into a blackout date', () => {
    const overnight = w('2026-03-11T03:00:00Z', '2026-03-11T05:00:00Z') // Tue 23:00 → Wed 01:00 EDT
    expect(kinds(overnight, { availability: provider({ weeklyHours: [], blackoutDates: ['2026-03-11'] }), otherVisits: [] })).toEqual(['blackout'])
  })

  it('does not flag a window that ends exactly at the midnight a blackout day begins', () => {
    const untilMidnight = w('2026-03-11T02:00:00Z', '2026-03-11T04:00:00Z') // Tue 22:00 → Wed 00:00 EDT
    expect(kinds(untilMidnight, { availability: provider({ weeklyHours: [], blackoutDates: ['2026-03-11'] }), otherVisits: [] })).toEqual([])
  })

  it('ignores blackout dates on other days', () => {
    expect(kinds(TUE_9_TO_11, { availability: provider({ blackoutDates: ['2026-03-09', '2026-03-11'] }), otherVisits: [] })).toEqual([])
  })
})

describe('the provider’s other visits', () => {
  const visit = w('2026-03-10T14:00:00Z', '2026-03-10T16:00:00Z') // 10–12 EDT

  it('flags an overlapping visit and points at it', () => {
    const conflicts = windowConflicts(TUE_9_TO_11, { availability: provider(), otherVisits: [visit] })
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({ kind: 'overlaps_visit', with: visit })
    expect(conflicts[0].message).toContain('Tue, Mar 10, 2026, 10:00 AM – 12:00 PM EDT')
  })

  it('allows back-to-back visits (a window ending when the next visit starts)', () => {
    const before = w('2026-03-10T13:00:00Z', '2026-03-10T14:00:00Z')
    const after = w('2026-03-10T16:00:00Z', '2026-03-10T17:00:00Z')
    expect(kinds(before, { otherVisits: [visit] })).toEqual([])
    expect(kinds(after, { otherVisits: [visit] })).toEqual([])
  })

  it('reports one conflict per overlapping visit', () => {
    const second = w('2026-03-10T12:00:00Z', '2026-03-10T13:30:00Z')
    const conflicts = windowConflicts(TUE_9_TO_11, { otherVisits: [visit, second, w('2026-03-12T13:00:00Z', '2026-03-12T15:00:00Z')] })
    expect(conflicts.map((c) => c.with)).toEqual([visit, second])
  })

  it('shows visit times in UTC when no provider zone is known', () => {
    const [c] = windowConflicts(TUE_9_TO_11, { otherVisits: [visit] })
    expect(c.message).toContain('2:00 – 4:00 PM UTC')
  })
})

describe('the customer’s preferred windows', () => {
  const morning = w('2026-03-10T12:00:00Z', '2026-03-10T16:00:00Z')
  const afternoon = w('2026-03-10T18:00:00Z', '2026-03-10T21:00:00Z')

  it('does not complain when the customer gave no preference', () => {
    expect(kinds(TUE_9_TO_11, { otherVisits: [], preferredWindows: [] })).toEqual([])
    expect(kinds(TUE_9_TO_11, { otherVisits: [] })).toEqual([])
  })

  it('accepts a window fully inside any one preferred window', () => {
    expect(kinds(TUE_9_TO_11, { otherVisits: [], preferredWindows: [afternoon, morning] })).toEqual([])
  })

  it('flags a window that only partly overlaps a preferred window', () => {
    const partly = w('2026-03-10T15:00:00Z', '2026-03-10T17:00:00Z')
    const [c] = windowConflicts(partly, { otherVisits: [], preferredWindows: [morning, afternoon] })
    expect(c.kind).toBe('outside_preferred')
    expect(c.message).toContain('preferred')
  })

  it('flags a window spanning two preferred windows with a gap between', () => {
    expect(kinds(w('2026-03-10T15:00:00Z', '2026-03-10T19:00:00Z'), { otherVisits: [], preferredWindows: [morning, afternoon] })).toEqual([
      'outside_preferred',
    ])
  })
})

it('reports every kind of conflict at once', () => {
  const saturdayOff = w('2026-03-14T14:00:00Z', '2026-03-14T16:00:00Z')
  expect(
    kinds(saturdayOff, {
      availability: provider({ blackoutDates: ['2026-03-14'] }),
      otherVisits: [w('2026-03-14T15:00:00Z', '2026-03-14T17:00:00Z')],
      preferredWindows: [TUE_9_TO_11],
    }),
  ).toEqual(['overlaps_visit', 'outside_working_hours', 'blackout', 'outside_preferred'])
})

describe('weeklyHoursProblem', () => {
  it('accepts valid hours, including an empty list and a block ending at 24:00', () => {
    expect(weeklyHoursProblem([])).toBeUndefined()
    expect(weeklyHoursProblem(weekdays('09:00', '17:00'))).toBeUndefined()
    expect(weeklyHoursProblem([{ day: 6, start: '00:00', end: '24:00' }])).toBeUndefined()
  })

  it('rejects something that is not a list', () => {
    expect(weeklyHoursProblem({ day: 1, start: '09:00', end: '17:00' })).toMatch(/must be a list/)
    expect(weeklyHoursProblem(null)).toMatch(/must be a list/)
    expect(weeklyHoursProblem([null])).toMatch(/block 1 must be an object/)
  })

  it('rejects days outside 0–6 or not whole numbers', () => {
    expect(weeklyHoursProblem([{ day: 7, start: '09:00', end: '17:00' }])).toMatch(/day must be a whole number 0–6 \(0 = Sunday\)/)
    expect(weeklyHoursProblem([{ day: -1, start: '09:00', end: '17:00' }])).toMatch(/0–6/)
    expect(weeklyHoursProblem([{ day: 1.5, start: '09:00', end: '17:00' }])).toMatch(/0–6/)
    expect(weeklyHoursProblem([{ day: 'Monday', start: '09:00', end: '17:00' }])).toMatch(/0–6/)
  })

  it('rejects times that are not HH:MM within 00:00–24:00, naming the block', () => {
    expect(weeklyHoursProblem([{ day: 1, start: '9:00', end: '17:00' }])).toMatch(/block 1: start must be HH:MM/)
    expect(weeklyHoursProblem([{ day: 1, start: '09:00', end: '24:30' }])).toMatch(/end must be HH:MM between 00:00 and 24:00/)
    expect(weeklyHoursProblem([{ day: 1, start: '09:00', end: '25:00' }])).toMatch(/end must be HH:MM/)
    expect(weeklyHoursProblem([{ day: 1, start: '09:60', end: '17:00' }])).toMatch(/start must be HH:MM/)
    expect(weeklyHoursProblem([weekdays('09:00', '17:00')[0], { day: 2, start: '09:00' }])).toMatch(/block 2: end must be HH:MM/)
  })

  it('rejects a block whose start is not before its end and says how to write overnight hours', () => {
    expect(weeklyHoursProblem([{ day: 1, start: '17:00', end: '09:00' }])).toMatch(/Monday.*start 17:00 must be before end 09:00; split overnight hours at 24:00/)
    expect(weeklyHoursProblem([{ day: 1, start: '09:00', end: '09:00' }])).toMatch(/must be before end/)
  })
})

describe('blackoutDatesProblem', () => {
  it('accepts real dates, and no dates', () => {
    expect(blackoutDatesProblem([])).toBeUndefined()
    expect(blackoutDatesProblem(['2026-12-25', '2028-02-29'])).toBeUndefined()
  })

  it('rejects dates that do not exist or are not written YYYY-MM-DD', () => {
    expect(blackoutDatesProblem(['2026-02-30'])).toMatch(/Blackout date 1 must be a real date written YYYY-MM-DD/)
    expect(blackoutDatesProblem(['2026-12-25', '12/26/2026'])).toMatch(/Blackout date 2/)
    expect(blackoutDatesProblem(['2026-13-01'])).toMatch(/real date/)
    expect(blackoutDatesProblem([20261225])).toMatch(/real date/)
  })

  it('rejects something that is not a list', () => {
    expect(blackoutDatesProblem('2026-12-25')).toMatch(/must be a list/)
  })
})
