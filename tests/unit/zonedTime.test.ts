import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import {
  addDays,
  formatInZone,
  formatWindowInZone,
  localDate,
  localParts,
  zoneAbbreviation,
  zonedTimeToUtc,
} from '../../src/domain/zonedTime'

const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'
const at = (iso: string) => new Date(iso)
const utc = (localDay: string, time: string, zone: string) => zonedTimeToUtc(localDay, time, zone).toISOString()
const HOUR = 3_600_000

describe('localParts: what the wall clock reads', () => {
  it('reads the provider’s local date, weekday and time, not UTC', () => {
    expect(localParts(at('2026-03-10T13:00:00Z'), NY)).toEqual({ year: 2026, month: 3, day: 10, weekday: 2, hour: 9, minute: 0 })
    expect(localParts(at('2026-03-10T13:00:00Z'), BERLIN)).toEqual({ year: 2026, month: 3, day: 10, weekday: 2, hour: 14, minute: 0 })
  })

  it('puts late-evening New York times on the earlier local day (and weekday)', () => {
    // 02:30 UTC on Wednesday is still Tuesday evening in New York.
    expect(localParts(at('2026-03-11T02:30:00Z'), NY)).toMatchObject({ day: 10, weekday: 2, hour: 22, minute: 30 })
    expect(localDate(at('2026-03-11T02:30:00Z'), NY)).toBe('2026-03-10')
  })

  it('reads midnight as hour 0, not 24', () => {
    expect(localParts(at('2026-03-10T04:00:00Z'), NY)).toMatchObject({ day: 10, hour: 0, minute: 0 })
  })

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})

describe('zonedTimeToUtc: local wall time to an instant', () => {
  it('converts ordinary days with the zone’s offset on that date', () => {
    expect(utc('2026-01-15', '09:00', NY)).toBe('2026-01-15T14:00:00.000Z') // EST, -5
    expect(utc('2026-07-15', '09:00', NY)).toBe('2026-07-15T13:00:00.000Z') // EDT, -4
    expect(utc('2026-01-15', '09:00', BERLIN)).toBe('2026-01-15T08:00:00.000Z') // CET, +1
    expect(utc('2026-07-15', '09:00', BERLIN)).toBe('2026-07-15T07:00:00.000Z') // CEST, +2
    expect(utc('2026-07-15', '09:00', 'UTC')).toBe('2026-07-15T09:00:00.000Z')
  })

  it('reads 24:00 as the midnight that ends the day', () => {
    expect(utc('2026-03-10', '24:00', NY)).toBe(utc('2026-03-11', '00:00', NY))
    expect(utc('2026-03-10', '24:00', NY)).toBe('2026-03-11T04:00:00.000Z')
  })

  describe('America/New_York spring forward, 2026-03-08 (02:00 EST → 03:00 EDT)', () => {
    it('uses EST before the jump and EDT after it', () => {
      expect(utc('2026-03-08', '01:30', NY)).toBe('2026-03-08T06:30:00.000Z')
      expect(utc('2026-03-08', '03:00', NY)).toBe('2026-03-08T07:00:00.000Z')
      expect(utc('2026-03-08', '09:00', NY)).toBe('2026-03-08T13:00:00.000Z')
    })

    it('moves a time inside the skipped hour forward by the gap (02:30 → 03:30 EDT)', () => {
      expect(utc('2026-03-08', '02:00', NY)).toBe('2026-03-08T07:00:00.000Z')
      expect(utc('2026-03-08', '02:30', NY)).toBe('2026-03-08T07:30:00.000Z')
      expect(formatInZone(zonedTimeToUtc('2026-03-08', '02:30', NY), NY)).toBe('Sun, Mar 8, 2026, 3:30 AM EDT')
    })

    it('makes the local day 23 hours long', () => {
      const day = zonedTimeToUtc('2026-03-08', '24:00', NY).getTime() - zonedTimeToUtc('2026-03-08', '00:00', NY).getTime()
      expect(day).toBe(23 * HOUR)
    })
  })

  describe('America/New_York fall back, 2026-11-01 (02:00 EDT → 01:00 EST)', () => {
    it('picks the first of the two 01:30s (EDT)', () => {
      expect(utc('2026-11-01', '01:30', NY)).toBe('2026-11-01T05:30:00.000Z')
      expect(formatInZone(zonedTimeToUtc('2026-11-01', '01:30', NY), NY)).toBe('Sun, Nov 1, 2026, 1:30 AM EDT')
    })

    it('uses EDT before the repeated hour and EST after it', () => {
      expect(utc('2026-11-01', '00:30', NY)).toBe('2026-11-01T04:30:00.000Z')
      expect(utc('2026-11-01', '02:30', NY)).toBe('2026-11-01T07:30:00.000Z')
      expect(utc('2026-11-01', '09:00', NY)).toBe('2026-11-01T14:00:00.000Z')
    })

    it('makes the local day 25 hours long', () => {
      const day = zonedTimeToUtc('2026-11-01', '24:00', NY).getTime() - zonedTimeToUtc('2026-11-01', '00:00', NY).getTime()
      expect(day).toBe(25 * HOUR)
    })
  })

  describe('Europe/Berlin spring forward, 2026-03-29 (02:00 CET → 03:00 CEST)', () => {
    it('uses CET before the jump and CEST after it', () => {
      expect(utc('2026-03-29', '01:59', BERLIN)).toBe('2026-03-29T00:59:00.000Z')
      expect(utc('2026-03-29', '03:00', BERLIN)).toBe('2026-03-29T01:00:00.000Z')
      expect(utc('2026-03-29', '09:00', BERLIN)).toBe('2026-03-29T07:00:00.000Z')
    })

    it('moves a time inside the skipped hour forward by the gap (02:30 → 03:30 CEST)', () => {
      expect(utc('2026-03-29', '02:30', BERLIN)).toBe('2026-03-29T01:30:00.000Z')
      expect(localParts(zonedTimeToUtc('2026-03-29', '02:30', BERLIN), BERLIN)).toMatchObject({ hour: 3, minute: 30 })
    })

    it('makes the local day 23 hours long', () => {
      const day = zonedTimeToUtc('2026-03-29', '24:00', BERLIN).getTime() - zonedTimeToUtc('2026-03-29', '00:00', BERLIN).getTime()
      expect(day).toBe(23 * HOUR)
    })
  })

  describe('Europe/Berlin fall back, 2026-10-25 (03:00 CEST → 02:00 CET)', () => {
    it('picks the first of the two 02:30s (CEST)', () => {
      expect(utc('2026-10-25', '02:30', BERLIN)).toBe('2026-10-25T00:30:00.000Z')
      expect(formatInZone(zonedTimeToUtc('2026-10-25', '02:30', BERLIN), BERLIN)).toBe('Sun, Oct 25, 2026, 2:30 AM CEST')
    })

    it('uses CEST before the repeated hour and CET after it', () => {
      expect(utc('2026-10-25', '01:30', BERLIN)).toBe('2026-10-24T23:30:00.000Z')
      expect(utc('2026-10-25', '03:00', BERLIN)).toBe('2026-10-25T02:00:00.000Z')
    })

    it('makes the local day 25 hours long', () => {
      const day = zonedTimeToUtc('2026-10-25', '24:00', BERLIN).getTime() - zonedTimeToUtc('2026-10-25', '00:00', BERLIN).getTime()
      expect(day).toBe(25 * HOUR)
    })
  })

  it('round-trips every quarter hour of all four DST days, except the skipped hour', () => {
    const days: [string, string, string][] = [
      ['2026-03-08', NY, '02'],
      ['2026-11-01', NY, ''],
      ['2026-03-29', BERLIN, '02'],
      ['2026-10-25', BERLIN, ''],
    ]
    for (const [day, zone, skipped] of days) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
        if (skipped && time.startsWith(skipped)) continue
        const back = localParts(zonedTimeToUtc(day, time, zone), zone)
        expect(`${localDate(zonedTimeToUtc(day, time, zone), zone)} ${back.hour}:${back.minute}`).toBe(
          `${day} ${Math.floor(m / 60)}:${m % 60}`,
        )
      }
    }
  })

  it('refuses malformed dates and times with a message saying the expected shape', () => {
    expect(() => zonedTimeToUtc('03/10/2026', '09:00', NY)).toThrow('YYYY-MM-DD')
    expect(() => zonedTimeToUtc('2026-03-10', '9am', NY)).toThrow('HH:MM')
    expect(() => zonedTimeToUtc('2026-03-10', '24:30', NY)).toThrow('00:00–24:00')
    expect(() => zonedTimeToUtc('2026-03-10', '09:75', NY)).toThrow('00:00–24:00')
  })
})

describe('formatInZone: what people read in emails and screens', () => {
  it('shows New York times with EST or EDT as the date requires', () => {
    expect(formatInZone(at('2026-03-10T13:00:00Z'), NY)).toBe('Tue, Mar 10, 2026, 9:00 AM EDT')
    expect(formatInZone(at('2026-01-15T19:30:00Z'), NY)).toBe('Thu, Jan 15, 2026, 2:30 PM EST')
  })

  it('switches EST → EDT exactly at the spring-forward jump', () => {
    expect(formatInZone(at('2026-03-08T06:59:00Z'), NY)).toBe('Sun, Mar 8, 2026, 1:59 AM EST')
    expect(formatInZone(at('2026-03-08T07:00:00Z'), NY)).toBe('Sun, Mar 8, 2026, 3:00 AM EDT')
  })

  it('tells the two 1:30 AMs of fall back apart by EDT / EST', () => {
    expect(formatInZone(at('2026-11-01T05:30:00Z'), NY)).toBe('Sun, Nov 1, 2026, 1:30 AM EDT')
    expect(formatInZone(at('2026-11-01T06:30:00Z'), NY)).toBe('Sun, Nov 1, 2026, 1:30 AM EST')
  })

  it('names Berlin time CET / CEST rather than GMT+1 / GMT+2', () => {
    expect(formatInZone(at('2026-03-10T08:00:00Z'), BERLIN)).toBe('Tue, Mar 10, 2026, 9:00 AM CET')
    expect(formatInZone(at('2026-07-15T07:00:00Z'), BERLIN)).toBe('Wed, Jul 15, 2026, 9:00 AM CEST')
    expect(formatInZone(at('2026-03-29T00:59:00Z'), BERLIN)).toBe('Sun, Mar 29, 2026, 1:59 AM CET')
    expect(formatInZone(at('2026-03-29T01:00:00Z'), BERLIN)).toBe('Sun, Mar 29, 2026, 3:00 AM CEST')
    expect(formatInZone(at('2026-10-25T00:30:00Z'), BERLIN)).toBe('Sun, Oct 25, 2026, 2:30 AM CEST')
    expect(formatInZone(at('2026-10-25T01:30:00Z'), BERLIN)).toBe('Sun, Oct 25, 2026, 2:30 AM CET')
  })

  it('shows noon as 12:00 PM and midnight as 12:00 AM', () => {
    expect(formatInZone(at('2026-03-10T16:00:00Z'), NY)).toBe('Tue, Mar 10, 2026, 12:00 PM EDT')
    expect(formatInZone(at('2026-03-10T04:00:00Z'), NY)).toBe('Tue, Mar 10, 2026, 12:00 AM EDT')
  })

  it('falls back to the GMT offset where a zone has no common abbreviation, and says UTC for UTC', () => {
    expect(zoneAbbreviation(at('2026-03-10T08:00:00Z'), 'Asia/Kolkata')).toBe('GMT+5:30')
    expect(formatInZone(at('2026-03-10T08:00:00Z'), 'Asia/Kolkata')).toBe('Tue, Mar 10, 2026, 1:30 PM GMT+5:30')
    expect(formatInZone(at('2026-03-10T08:00:00Z'), 'UTC')).toBe('Tue, Mar 10, 2026, 8:00 AM UTC')
    expect(zoneAbbreviation(at('2026-07-15T08:00:00Z'), 'Europe/London')).toBe('BST')
  })
})

describe('formatWindowInZone', () => {
  it('shows a same-morning window with the date once and the end time only', () => {
    const w = { start: at('2026-03-10T13:00:00Z'), end: at('2026-03-10T15:00:00Z') }
    expect(formatWindowInZone(w, NY)).toBe('Tue, Mar 10, 2026, 9:00 – 11:00 AM EDT')
  })

  it('keeps AM on the start when the window runs past noon', () => {
    const w = { start: at('2026-03-10T15:00:00Z'), end: at('2026-03-10T17:30:00Z') }
    expect(formatWindowInZone(w, NY)).toBe('Tue, Mar 10, 2026, 11:00 AM – 1:30 PM EDT')
  })

  it('names both zones when the window spans a DST change', () => {
    const w = { start: at('2026-11-01T05:00:00Z'), end: at('2026-11-01T06:30:00Z') }
    expect(formatWindowInZone(w, NY)).toBe('Sun, Nov 1, 2026, 1:00 AM EDT – 1:30 AM EST')
    const b = { start: at('2026-03-29T00:30:00Z'), end: at('2026-03-29T01:30:00Z') }
    expect(formatWindowInZone(b, BERLIN)).toBe('Sun, Mar 29, 2026, 1:30 AM CET – 3:30 AM CEST')
  })

  it('writes both dates in full when the window crosses local midnight', () => {
    const w = { start: at('2026-03-11T02:00:00Z'), end: at('2026-03-11T05:00:00Z') }
    expect(formatWindowInZone(w, NY)).toBe('Tue, Mar 10, 2026, 10:00 PM EDT – Wed, Mar 11, 2026, 1:00 AM EDT')
  })

  it('shows the same instant as a different local window for a Berlin reader', () => {
    const w = { start: at('2026-03-10T13:00:00Z'), end: at('2026-03-10T15:00:00Z') }
    expect(formatWindowInZone(w, BERLIN)).toBe('Tue, Mar 10, 2026, 2:00 – 4:00 PM CET')
  })
})

describe('localParts reads what Intl reads, in every zone (its offsets are kept per quarter hour)', () => {
  const zones = Intl.supportedValuesOf('timeZone')
  const read = (date: Date, timeZone: string) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
        .formatToParts(date)
        .map((x) => [x.type, x.value]),
    )
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday)
    return { year: Number(p.year), month: Number(p.month), day: Number(p.day), weekday, hour: Number(p.hour) % 24, minute: Number(p.minute) }
  }

  it('for random instants from 1900 to 2100, read twice (the second from the cache)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, ms) => {
        const date = new Date(ms)
        expect(localParts(date, zone)).toEqual(read(date, zone))
        expect(localParts(new Date(ms + 1000), zone)).toEqual(read(new Date(ms + 1000), zone))
      }),
      { numRuns: 3000, seed: 14 },
    )
  })

  it('across a DST change, minute by minute (New York, Lord Howe, Chatham)', () => {
    for (const [zone, at] of [['America/New_York', Date.UTC(2026, 2, 8, 6)], ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14)], ['Pacific/Chatham', Date.UTC(2026, 3, 4, 13)]] as const) {
      for (let ms = at - 90 * 60_000; ms < at + 90 * 60_000; ms += 60_000) expect([zone, localParts(new Date(ms), zone)]).toEqual([zone, read(new Date(ms), zone)])
    }
  })
})

describe('formatted times read what Intl reads, in every zone (zone names and dates are kept per quarter hour and day)', () => {
  const zones = Intl.supportedValuesOf('timeZone')
  const name = (locale: string, date: Date, timeZone: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? ''
  const offsetLike = (n: string) => n === '' || /^(GMT|UTC)[+\-\u2212]/.test(n)
  const intlName = (date: Date, timeZone: string) => {
    const [us, gb] = [name('en-US', date, timeZone), name('en-GB', date, timeZone)]
    return !offsetLike(us) ? us : !offsetLike(gb) ? gb : us || gb || timeZone
  }
  const intlDate = (date: Date, timeZone: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(date)

  it('for random instants from 1900 to 2100, each formatted twice (the second from the caches)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, ms) => {
        for (const date of [new Date(ms), new Date(ms + 1000)]) {
          expect(zoneAbbreviation(date, zone)).toBe(intlName(date, zone))
          expect(formatInZone(date, zone).startsWith(`${intlDate(date, zone)}, `)).toBe(true)
        }
      }),
      { numRuns: 2000, seed: 15 },
    )
  })

  it('across a DST change, minute by minute (New York, Berlin, Lord Howe)', () => {
    for (const [zone, at] of [['America/New_York', Date.UTC(2026, 2, 8, 7)], ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)], ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)]] as const) {
      for (let ms = at - 90 * 60_000; ms < at + 90 * 60_000; ms += 60_000) {
        expect([zone, ms, zoneAbbreviation(new Date(ms), zone)]).toEqual([zone, ms, intlName(new Date(ms), zone)])
      }
    }
  })
})
