import { describe, expect, it } from '@jest/globals'

import { chartDays, KPIS, kpiListPath, niceCeiling, outcomesByDay } from '../../src/domain/kpis'

describe('KPI definitions', () => {
  it('has the four fulfillment figures, each counting one collection by one filter', () => {
    expect(KPIS.map((k) => k.key)).toEqual(['awaiting_schedule', 'scheduled', 'reminder_overdue', 'payout_pending'])
    expect(KPIS.find((k) => k.key === 'payout_pending')).toMatchObject({ collection: 'payouts', where: { status: { equals: 'pending_review' } } })
  })

  it('links each figure to the admin list filtered the same way', () => {
    const [awaiting, , overdue, payouts] = KPIS
    expect(kpiListPath(awaiting)).toBe('/admin/collections/assignments?where[status][equals]=pending_schedule')
    expect(kpiListPath(overdue)).toBe('/admin/collections/assignments?where[reminders.overdue][equals]=true')
    expect(kpiListPath(payouts, '/ops')).toBe('/ops/collections/payouts?where[status][equals]=pending_review')
  })
})

describe('reminder chart days', () => {
  it('lists the last 14 local dates oldest first, across month and year ends', () => {
    const days = chartDays('2027-01-03')
    expect(days).toHaveLength(14)
    expect(days[0]).toBe('2026-12-21')
    expect(days[13]).toBe('2027-01-03')
  })

  it('counts per day with zeros where nothing happened, ignoring other days and statuses', () => {
    const days = chartDays('2026-11-24', 3)
    expect(
      outcomesByDay(days, [
        { day: '2026-11-23', status: 'sent', count: 4 },
        { day: '2026-11-23', status: 'suppressed', count: 1 },
        { day: '2026-11-24', status: 'failed', count: 2 },
        { day: '2026-11-24', status: 'pending', count: 9 },
        { day: '2026-11-01', status: 'sent', count: 7 },
      ]),
    ).toEqual([
      { day: '2026-11-22', sent: 0, failed: 0, suppressed: 0 },
      { day: '2026-11-23', sent: 4, failed: 0, suppressed: 1 },
      { day: '2026-11-24', sent: 0, failed: 2, suppressed: 0 },
    ])
  })

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 11, 48, 120].map(niceCeiling)).toEqual([1, 1, 2, 5, 10, 20, 50, 200])
  })
})
