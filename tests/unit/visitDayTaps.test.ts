/** The guardrails on a provider's visit-day taps: what reaches the customer, and when the taps run out. */
import { describe, expect, it } from '@jest/globals'

import { ON_MY_WAY_RESEND_MINUTES, secondsLeftOfVisitDay, VISIT_DAY_TAPS, visitDayTap } from '../../src/domain/visitDay'

const now = new Date('2027-03-10T15:00:00Z')
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString()

describe('visit-day taps', () => {
  it('tell the customer of the first On my way and the first arrival', () => {
    expect(visitDayTap(null, 'onMyWay', now)).toEqual({ ok: true, taps: 1, notify: true })
    expect(visitDayTap(null, 'arrive', now)).toEqual({ ok: true, taps: 1, notify: true })
  })

  it('keep a repeated On my way quiet until the resend minutes have passed since the last message', () => {
    const quiet = { taps: 1, notifiedAt: minutesAgo(ON_MY_WAY_RESEND_MINUTES - 1) }
    expect(visitDayTap(quiet, 'onMyWay', now)).toEqual({ ok: true, taps: 2, notify: false })
    const due = { taps: 1, notifiedAt: minutesAgo(ON_MY_WAY_RESEND_MINUTES) }
    expect(visitDayTap(due, 'onMyWay', now)).toEqual({ ok: true, taps: 2, notify: true })
  })

  it('tell of an arrival once', () => {
    expect(visitDayTap({ taps: 2, arrivedAt: minutesAgo(1) }, 'arrive', now)).toEqual({ ok: true, taps: 3, notify: false })
  })

  it('refuse every tap past the limit, whatever it is', () => {
    for (const action of ['onMyWay', 'arrive'] as const) {
      expect(visitDayTap({ taps: VISIT_DAY_TAPS - 1 }, action, now).ok).toBe(true)
      expect(visitDayTap({ taps: VISIT_DAY_TAPS }, action, now)).toEqual({ ok: false, taps: VISIT_DAY_TAPS })
    }
  })

  it('say how long until the visit’s day is over, in its own zone', () => {
    expect(secondsLeftOfVisitDay(now, 'UTC')).toBe(9 * 3600)
    expect(secondsLeftOfVisitDay(now, 'America/New_York')).toBe(14 * 3600) // 15:00Z is 10:00 EST there
  })
})
