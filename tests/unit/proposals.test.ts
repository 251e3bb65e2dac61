import { describe, expect, it } from '@jest/globals'

import { describeMinutes, validateProposalWindows } from '../../src/domain/proposals'

// Tuesday 2026-03-10, 8:00 AM in New York.
const now = new Date('2026-03-10T12:00:00Z')
const win = (start: unknown, end: unknown) => ({ start, end })
/** A valid window `day` days after now's date, 09:00–11:00 New York daylight time. */
const day = (d: number, from = '09:00', to = '11:00') => {
  const date = new Date(Date.UTC(2026, 2, 10 + d)).toISOString().slice(0, 10)
  return win(`${date}T${from}:00-04:00`, `${date}T${to}:00-04:00`)
}

const check = (input: unknown, opts: Partial<Parameters<typeof validateProposalWindows>[1]> = {}) =>
  validateProposalWindows(input, { now, ...opts })

const errorsOf = (input: unknown, opts: Partial<Parameters<typeof validateProposalWindows>[1]> = {}) => {
  const r = check(input, opts)
  if (r.ok) throw new Error('expected the proposal to be refused')
  return r.errors
}

describe('a good proposal', () => {
  it('returns the windows as UTC instants, exactly as their offsets say', () => {
    const r = check([win('2026-03-11T09:00:00-04:00', '2026-03-11T11:00:00-04:00'), win('2026-03-12T15:00:00Z', '2026-03-12T16:30:00+00:00')])
    expect(r).toEqual({
      ok: true,
      windows: [
        { start: new Date('2026-03-11T13:00:00Z'), end: new Date('2026-03-11T15:00:00Z') },
        { start: new Date('2026-03-12T15:00:00Z'), end: new Date('2026-03-12T16:30:00Z') },
      ],
    })
  })

  it('accepts seconds, fractions of a second, and lower-case z', () => {
    const r = check([win('2026-03-11t09:00:00.500-04:00', '2026-03-11T15:00:00.123456z'), win('2026-03-12T09:00-04:00', '2026-03-12T10:00-04:00')])
    expect(r.ok).toBe(true)
    expect(r.ok && r.windows[0].start.toISOString()).toBe('2026-03-11T13:00:00.500Z')
    expect(r.ok && r.windows[0].end.toISOString()).toBe('2026-03-11T15:00:00.123Z')
  })

  it('accepts up to five windows, in any order', () => {
    expect(check([day(5), day(1), day(3), day(2), day(4)]).ok).toBe(true)
  })

  it('accepts windows that touch end to start', () => {
    expect(check([day(1, '09:00', '11:00'), day(1, '11:00', '13:00')]).ok).toBe(true)
  })

  it('accepts the exact limits: 30 minutes, 12 hours, 2 hours notice, 180 days ahead', () => {
    expect(check([win('2026-03-11T09:00:00Z', '2026-03-11T09:30:00Z')]).ok).toBe(true)
    expect(check([win('2026-03-11T08:00:00Z', '2026-03-11T20:00:00Z')]).ok).toBe(true)
    expect(check([win('2026-03-10T14:00:00Z', '2026-03-10T16:00:00Z')]).ok).toBe(true)
    expect(check([win('2026-09-06T10:00:00Z', '2026-09-06T12:00:00Z')]).ok).toBe(true) // now + 180 days exactly
  })
})

describe('the windows list itself', () => {
  it.each([
    ['null', null],
    ['missing', undefined],
    ['an object', { start: '2026-03-11T09:00:00Z', end: '2026-03-11T11:00:00Z' }],
    ['a string', '2026-03-11T09:00:00Z/2026-03-11T11:00:00Z'],
    ['a number', 5],
  ])('refuses %s, asking for a list of { start, end }', (_label, input) => {
    expect(errorsOf(input)).toEqual([{ field: 'windows', message: expect.stringContaining('must be a list of { start, end } pairs') }])
  })

  it('refuses an empty list', () => {
    expect(errorsOf([])).toEqual([{ field: 'windows', message: 'Propose at least one window.' }])
  })

  it('refuses six windows and says how many to remove', () => {
    expect(errorsOf([day(1), day(2), day(3), day(4), day(5), day(6)])).toEqual([
      { field: 'windows', message: 'Propose at most 5 windows (got 6); remove 1.' },
    ])
  })

  it('refuses entries that are not objects, naming the entry', () => {
    expect(errorsOf([day(1), 'tomorrow', null, [1, 2]]).map((e) => e.field)).toEqual(['windows[1]', 'windows[2]', 'windows[3]'])
  })
})

describe('start and end must be date-times with an offset', () => {
  it('refuses a local time with no offset and says to add one', () => {
    const errors = errorsOf([win('2026-03-11T09:00:00', '2026-03-11T11:00:00Z')])
    expect(errors).toEqual([{ field: 'windows[0].start', message: expect.stringContaining('add an offset such as -05:00 or Z') }])
  })

  it('refuses offset-less end and start separately', () => {
    expect(errorsOf([win('2026-03-11T09:00', '2026-03-11T11:00')]).map((e) => e.field)).toEqual(['windows[0].start', 'windows[0].end'])
  })

  it('refuses a date without a time', () => {
    expect(errorsOf([win('2026-03-11', '2026-03-11T11:00:00Z')])[0]).toEqual({
      field: 'windows[0].start',
      message: expect.stringContaining('ISO 8601 date-time with an offset, such as 2026-03-10T09:00:00-05:00'),
    })
  })

  it.each(['tomorrow at 9', 'Tue, 10 Mar 2026 09:00:00 GMT', '2026-03-11 09:00:00Z', '1773234000000', '', '2026-03-11T09:00:00+0500'])(
    'refuses the string %p',
    (bad) => {
      const [e] = errorsOf([win(bad, '2026-03-11T11:00:00Z')])
      expect(e.field).toBe('windows[0].start')
      expect(e.message).toMatch(/2026-03-10T09:00:00-05:00/)
    },
  )

  it('refuses dates and times that do not exist, rather than rolling them over', () => {
    expect(errorsOf([win('2026-02-30T09:00:00Z', '2026-03-11T11:00:00Z')])[0].message).toMatch(/not a real date and time/)
    expect(errorsOf([win('2026-13-01T09:00:00Z', '2026-03-11T11:00:00Z')])[0].message).toMatch(/not a real date and time/)
    expect(errorsOf([win('2026-03-11T24:00:00Z', '2026-03-11T11:00:00Z')])[0].message).toMatch(/not a real date and time/)
    expect(errorsOf([win('2026-03-11T09:00:00+25:00', '2026-03-11T11:00:00Z')])[0].message).toMatch(/impossible offset/)
  })

  it('refuses non-strings and missing values with a clear message', () => {
    expect(errorsOf([win(1773234000000, '2026-03-11T11:00:00Z')])[0]).toEqual({
      field: 'windows[0].start',
      message: expect.stringContaining('must be a string'),
    })
    expect(errorsOf([{ start: '2026-03-11T09:00:00Z' }])[0]).toEqual({ field: 'windows[0].end', message: expect.stringContaining('End is required') })
    expect(errorsOf([win(null, '2026-03-11T11:00:00Z')])[0].message).toContain('Start is required')
  })
})

describe('window length', () => {
  it('refuses an end before the start', () => {
    expect(errorsOf([win('2026-03-11T11:00:00Z', '2026-03-11T09:00:00Z')])).toEqual([
      { field: 'windows[0].end', message: 'End is before start; move end later than start.' },
    ])
  })

  it('refuses a zero-length window', () => {
    expect(errorsOf([win('2026-03-11T09:00:00Z', '2026-03-11T09:00:00Z')])).toEqual([
      { field: 'windows[0].end', message: 'End equals start; make the window at least 30 minutes long.' },
    ])
  })

  it('compares instants, not wall clocks: 10:00+02:00 is 08:00Z, an hour before 09:00Z', () => {
    expect(check([win('2026-03-11T10:00:00+02:00', '2026-03-11T09:00:00Z')]).ok).toBe(true)
    expect(errorsOf([win('2026-03-11T09:00:00Z', '2026-03-11T10:00:00+02:00')])[0].message).toBe('End is before start; move end later than start.')
  })

  it('refuses a window shorter than 30 minutes', () => {
    expect(errorsOf([win('2026-03-11T09:00:00Z', '2026-03-11T09:20:00Z')])).toEqual([
      { field: 'windows[0].end', message: 'Window is 20 minutes; make it at least 30 minutes long.' },
    ])
  })

  it('refuses a window longer than 12 hours', () => {
    expect(errorsOf([win('2026-03-11T08:00:00Z', '2026-03-11T21:30:00Z')])).toEqual([
      { field: 'windows[0].end', message: 'Window is 13 hours 30 minutes; make it at most 12 hours long.' },
    ])
  })

  it('uses the caller’s limits when given', () => {
    expect(errorsOf([win('2026-03-11T09:00:00Z', '2026-03-11T09:45:00Z')], { minMinutes: 60 })[0].message).toBe(
      'Window is 45 minutes; make it at least 1 hour long.',
    )
    expect(errorsOf([win('2026-03-11T09:00:00Z', '2026-03-11T13:00:00Z')], { maxMinutes: 180 })[0].message).toBe(
      'Window is 4 hours; make it at most 3 hours long.',
    )
    expect(errorsOf([day(1), day(2), day(3)], { maxWindows: 2 })[0].message).toBe('Propose at most 2 windows (got 3); remove 1.')
  })

  it('falls back to the defaults when a limit is passed as undefined', () => {
    expect(check([win('2026-03-11T09:00:00Z', '2026-03-11T09:20:00Z')], { minMinutes: undefined }).ok).toBe(false)
  })
})

describe('when the window is', () => {
  it('refuses a start in the past', () => {
    expect(errorsOf([win('2026-03-09T09:00:00Z', '2026-03-09T11:00:00Z')])).toEqual([
      { field: 'windows[0].start', message: 'Start is in the past; pick a time later than now.' },
    ])
  })

  it('refuses a window already under way', () => {
    expect(errorsOf([win('2026-03-10T11:00:00Z', '2026-03-10T13:00:00Z')])[0]).toEqual({
      field: 'windows[0].start',
      message: expect.stringContaining('in the past'),
    })
  })

  it('refuses a start less than 2 hours from now, so the other side can respond', () => {
    expect(errorsOf([win('2026-03-10T13:00:00Z', '2026-03-10T15:00:00Z')])).toEqual([
      {
        field: 'windows[0].start',
        message: 'Start must be at least 2 hours from now, so the other side can respond; pick a later time.',
      },
    ])
    expect(check([win('2026-03-10T13:00:00Z', '2026-03-10T15:00:00Z')], { minNoticeMinutes: 30 }).ok).toBe(true)
  })

  it('refuses an end more than 180 days ahead', () => {
    expect(errorsOf([win('2026-09-06T11:00:00Z', '2026-09-06T12:00:01Z')])).toEqual([
      { field: 'windows[0].end', message: 'End must be within 180 days from now; pick an earlier date.' },
    ])
  })

  it('refuses a window in year 0050 as in the past', () => {
    expect(errorsOf([win('0050-03-11T09:00:00Z', '0050-03-11T11:00:00Z')])[0].message).toBe('Start is in the past; pick a time later than now.')
  })

  it('refuses a window 100 years ahead', () => {
    expect(errorsOf([win('2126-03-11T09:00:00Z', '2126-03-11T11:00:00Z')])).toEqual([
      { field: 'windows[0].end', message: 'End must be within 180 days from now; pick an earlier date.' },
    ])
  })
})

describe('windows in one proposal must not overlap', () => {
  it('names the later window and the one it overlaps', () => {
    expect(errorsOf([day(1, '09:00', '11:00'), day(1, '10:00', '12:00')])).toEqual([
      { field: 'windows[1]', message: 'Overlaps windows[0]; move this window so they do not overlap, or merge them into one.' },
    ])
  })

  it('refuses the same window twice', () => {
    expect(errorsOf([day(2), day(2)]).map((e) => e.field)).toEqual(['windows[1]'])
  })

  it('catches a window contained in an earlier one, however far apart in the list', () => {
    const errors = errorsOf([day(1, '08:00', '16:00'), day(2), day(1, '10:00', '11:00')])
    expect(errors).toEqual([{ field: 'windows[2]', message: expect.stringContaining('Overlaps windows[0]') }])
  })

  it('compares instants across offsets: 09:00-04:00 is 15:00+02:00', () => {
    expect(errorsOf([win('2026-03-11T09:00:00-04:00', '2026-03-11T11:00:00-04:00'), win('2026-03-11T16:00:00+02:00', '2026-03-11T18:00:00+02:00')])[0]).toEqual({
      field: 'windows[1]',
      message: expect.stringContaining('Overlaps windows[0]'),
    })
  })
})

it('reports every problem at once, each on its own field', () => {
  const errors = errorsOf([
    win('2026-03-11T09:00:00', '2026-03-11T11:00:00Z'),
    win('2026-03-09T09:00:00Z', '2026-03-09T09:10:00Z'),
    day(3),
    day(3, '10:00', '12:00'),
  ])
  expect(errors.map((e) => e.field)).toEqual(['windows[0].start', 'windows[1].end', 'windows[1].start', 'windows[3]'])
})

describe('DST: instants are kept exactly as their offsets say', () => {
  it('New York spring forward: 01:30 EST → 03:30 EDT is one real hour and is accepted as 60 minutes', () => {
    const r = validateProposalWindows([win('2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00')], { now: new Date('2026-03-01T00:00:00Z') })
    expect(r.ok && r.windows[0].end.getTime() - r.windows[0].start.getTime()).toBe(60 * 60_000)
    expect(r.ok && r.windows[0].start.toISOString()).toBe('2026-03-08T06:30:00.000Z')
  })

  it('New York fall back: 01:30 EDT → 01:30 EST is one real hour, not zero', () => {
    const r = validateProposalWindows([win('2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00')], { now: new Date('2026-10-01T00:00:00Z') })
    expect(r.ok && r.windows[0].end.getTime() - r.windows[0].start.getTime()).toBe(60 * 60_000)
  })

  it('Berlin spring forward: 01:45 CET → 03:15 CEST is 30 real minutes, the minimum', () => {
    const r = validateProposalWindows([win('2026-03-29T01:45:00+01:00', '2026-03-29T03:15:00+02:00')], { now: new Date('2026-03-01T00:00:00Z') })
    expect(r.ok && r.windows[0]).toEqual({ start: new Date('2026-03-29T00:45:00Z'), end: new Date('2026-03-29T01:15:00Z') })
  })

  it('Berlin fall back: 02:50 CEST → 02:10 CET looks backwards on the wall clock but is 20 real minutes, too short', () => {
    const errors = validateProposalWindows([win('2026-10-25T02:50:00+02:00', '2026-10-25T02:10:00+01:00')], {
      now: new Date('2026-10-01T00:00:00Z'),
    })
    expect(errors).toEqual({ ok: false, errors: [{ field: 'windows[0].end', message: 'Window is 20 minutes; make it at least 30 minutes long.' }] })
  })

  it('keeps a wrong-season offset as given rather than guessing (-05:00 in July is 10:00 EDT)', () => {
    const r = validateProposalWindows([win('2026-07-15T09:00:00-05:00', '2026-07-15T11:00:00-05:00')], { now: new Date('2026-07-01T00:00:00Z') })
    expect(r.ok && r.windows[0].start.toISOString()).toBe('2026-07-15T14:00:00.000Z')
  })
})

it('describes durations the way people say them', () => {
  expect([20, 60, 90, 120, 720, 1].map(describeMinutes)).toEqual(['20 minutes', '1 hour', '1 hour 30 minutes', '2 hours', '12 hours', '1 minute'])
})
