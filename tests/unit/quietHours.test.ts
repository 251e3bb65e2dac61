import { describe, expect, it } from '@jest/globals'

import { deferForQuietHours, isQuietHour, parseQuietHours, quietHoursProblem } from '../../src/domain/quietHours'

const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'
const at = (iso: string) => new Date(iso)
const NIGHT = parseQuietHours('21-8')

// The recipient's local hour, read independently of the code under test.
const hourFormats = new Map<string, Intl.DateTimeFormat>()
const localHour = (d: Date, timeZone: string): number => {
  if (!hourFormats.has(timeZone))
    hourFormats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric' }))
  return Number(hourFormats.get(timeZone)!.format(d)) % 24
}
const localText = (d: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d)

describe('quiet hours setting', () => {
  it('reads a wrapping night window and a same-day window', () => {
    expect(parseQuietHours('21-8')).toEqual({ startHour: 21, endHour: 8 })
    expect(parseQuietHours('13-14')).toEqual({ startHour: 13, endHour: 14 })
    expect(parseQuietHours(' 0-6 ')).toEqual({ startHour: 0, endHour: 6 })
  })
  it('is off for "", "off" and "OFF"', () => {
    for (const v of ['', 'off', 'OFF', ' off ']) {
      expect(parseQuietHours(v)).toBeNull()
      expect(quietHoursProblem(v)).toBeUndefined()
    }
  })
  it('explains a bad value instead of throwing', () => {
    expect(quietHoursProblem('21-8')).toBeUndefined()
    expect(quietHoursProblem('9pm-8am')).toMatch(/must look like "21-8".*got "9pm-8am"/)
    expect(quietHoursProblem('21-24')).toMatch(/whole hours 0–23/)
    expect(quietHoursProblem('8-8')).toMatch(/must differ/)
    expect(quietHoursProblem('x', 'REMINDER_QUIET_HOURS')).toMatch(/^REMINDER_QUIET_HOURS /)
    expect(() => parseQuietHours('nonsense')).not.toThrow()
    expect(parseQuietHours('nonsense')).toBeNull()
  })
  it('knows which local hours are quiet', () => {
    expect([20, 21, 23, 0, 7, 8].map((h) => isQuietHour(h, NIGHT!))).toEqual([false, true, true, true, true, false])
    expect([12, 13, 14].map((h) => isQuietHour(h, { startHour: 13, endHour: 14 }))).toEqual([false, true, false])
  })
})

describe('deferring a reminder out of quiet hours', () => {
  it('leaves an allowed instant alone, and everything alone when quiet hours are off', () => {
    const noon = at('2026-06-10T16:00:00Z') // 12:00 EDT
    expect(deferForQuietHours(noon, NY, NIGHT)).toBe(noon)
    const midnight = at('2026-06-10T04:00:00Z') // 00:00 EDT
    expect(deferForQuietHours(midnight, NY, null)).toBe(midnight)
  })

  it('moves a late-evening reminder to 08:00 the next local morning (New York, summer)', () => {
    const r = deferForQuietHours(at('2026-06-10T02:30:00Z'), NY, NIGHT) // 22:30 EDT on June 9
    expect(r.toISOString()).toBe('2026-06-10T12:00:00.000Z')
    expect(localText(r, NY)).toBe('06/10/2026, 08:00 EDT')
  })

  it('moves an early-morning reminder to 08:00 the same local morning (Berlin, winter)', () => {
    const r = deferForQuietHours(at('2026-01-15T04:00:00Z'), BERLIN, NIGHT) // 05:00 CET
    expect(r.toISOString()).toBe('2026-01-15T07:00:00.000Z')
  })

  it('handles a same-day window like 13-14', () => {
    const lunch = parseQuietHours('13-14')
    expect(deferForQuietHours(at('2026-06-10T17:30:00Z'), NY, lunch).toISOString()).toBe('2026-06-10T18:00:00.000Z')
    const before = at('2026-06-10T16:59:00Z') // 12:59 EDT
    expect(deferForQuietHours(before, NY, lunch)).toBe(before)
  })

  it('New York, 2026-03-08 (clocks jump 02:00 EST → 03:00 EDT)', () => {
    // 21:30 EST on the 7th and 01:30 EST on the 8th both wait for 08:00 EDT, which is only 11h after 21:00 the night before.
    expect(localText(deferForQuietHours(at('2026-03-08T02:30:00Z'), NY, NIGHT), NY)).toBe('03/08/2026, 08:00 EDT')
    expect(deferForQuietHours(at('2026-03-08T06:30:00Z'), NY, NIGHT).toISOString()).toBe('2026-03-08T12:00:00.000Z')
    // Quiet until 02:00, an hour that does not exist that night: send at the jump, 03:00 EDT.
    expect(deferForQuietHours(at('2026-03-08T06:30:00Z'), NY, parseQuietHours('1-2')).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    )
  })

  it('New York, 2026-11-01 (clocks fall back 02:00 EDT → 01:00 EST)', () => {
    expect(deferForQuietHours(at('2026-11-01T05:30:00Z'), NY, NIGHT).toISOString()).toBe('2026-11-01T13:00:00.000Z')
    expect(localText(deferForQuietHours(at('2026-11-01T05:30:00Z'), NY, NIGHT), NY)).toBe('11/01/2026, 08:00 EST')
    // 01:00 happens twice; the reminder goes at the first one.
    expect(deferForQuietHours(at('2026-11-01T04:30:00Z'), NY, parseQuietHours('0-1')).toISOString()).toBe(
      '2026-11-01T05:00:00.000Z',
    )
  })

  it('Berlin, 2026-03-29 (clocks jump 02:00 CET → 03:00 CEST)', () => {
    expect(deferForQuietHours(at('2026-03-28T22:00:00Z'), BERLIN, NIGHT).toISOString()).toBe('2026-03-29T06:00:00.000Z')
    expect(localText(deferForQuietHours(at('2026-03-28T22:00:00Z'), BERLIN, NIGHT), BERLIN)).toMatch(/03\/29\/2026, 08:00/)
    expect(deferForQuietHours(at('2026-03-29T00:30:00Z'), BERLIN, parseQuietHours('1-2')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    )
  })

  it('Berlin, 2026-10-25 (clocks fall back 03:00 CEST → 02:00 CET)', () => {
    expect(deferForQuietHours(at('2026-10-24T20:00:00Z'), BERLIN, NIGHT).toISOString()).toBe('2026-10-25T07:00:00.000Z')
    // 02:30 happens twice and both are quiet under 1-3; 03:00 local comes once, at 02:00Z.
    expect(deferForQuietHours(at('2026-10-25T00:30:00Z'), BERLIN, parseQuietHours('1-3')).toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    )
    expect(deferForQuietHours(at('2026-10-25T01:30:00Z'), BERLIN, parseQuietHours('1-3')).toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    )
  })

  it('never drops or sends early: the result is ≥ dueAt, outside quiet hours, and the first such instant', () => {
    const nights: [string, string[]][] = [
      [NY, ['2026-03-08', '2026-11-01', '2026-06-10']],
      [BERLIN, ['2026-03-29', '2026-10-25', '2026-01-15']],
      ['Asia/Kathmandu', ['2026-03-08']], // UTC+5:45: local hours start at :15 past a UTC hour
      ['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']], // half-hour DST shifts
    ]
    const windows = ['21-8', '13-14', '1-2', '0-3', '2-3', '22-1'].map((w) => parseQuietHours(w)!)
    const minute = 60_000
    const failures: string[] = []
    let checked = 0
    for (const [zone, days] of nights) {
      for (const day of days) {
        const from = Date.parse(`${day}T00:00:00Z`) - 14 * 60 * minute
        for (const quiet of windows) {
          for (let t = from; t < from + 52 * 60 * minute; t += 13 * minute) {
            const r = deferForQuietHours(new Date(t), zone, quiet).getTime()
            const quietAt = (ms: number) => isQuietHour(localHour(new Date(ms), zone), quiet)
            const where = `${zone} ${quiet.startHour}-${quiet.endHour} due ${new Date(t).toISOString()} → ${new Date(r).toISOString()}`
            if (r < t) failures.push(`${where}: earlier than due`)
            if (quietAt(r)) failures.push(`${where}: still quiet`)
            // Every instant skipped over was quiet, up to the last second before the result.
            if (r > t && !quietAt(r - 1000)) failures.push(`${where}: a second earlier was already allowed`)
            for (let s = t; s < r; s += 10 * minute) if (!quietAt(s)) failures.push(`${where}: ${new Date(s).toISOString()} was allowed`)
            checked++
          }
        }
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(10_000)
  })
})
