import { describe, expect, it } from '@jest/globals'

import { chartDays, figureTone, KPIS, kpiListPath, kpiTrend, niceCeiling, outcomesByDay, QUEUE_CARDS, rebuildableFromAudit, startOfUtcDay, utcDay } from '../../src/domain/kpis'
import { assignmentLabel } from '../../src/domain/labels'

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

describe('when a figure is bad', () => {
  it('is data beside each definition: only the overdue flag and failed captures are wrong, payouts and disputes wait for Ops', () => {
    expect(Object.fromEntries([...KPIS, ...QUEUE_CARDS].map((k) => [k.key, k.aboveZero]))).toEqual({
      awaiting_schedule: 'neutral',
      scheduled: 'neutral',
      reminder_overdue: 'error',
      payout_pending: 'warning',
      disputes_open: 'warning',
      captures_failed: 'error',
    })
  })

  it('colours a figure only above zero: "Reminder overdue 0" is neutral', () => {
    const overdue = KPIS.find((k) => k.key === 'reminder_overdue')!
    expect([0, 1, 7].map((n) => figureTone(overdue, n))).toEqual(['neutral', 'error', 'error'])
    expect(figureTone(KPIS.find((k) => k.key === 'scheduled')!, 12)).toBe('neutral')
    expect([0, 2].map((n) => figureTone(QUEUE_CARDS.find((k) => k.key === 'disputes_open')!, n))).toEqual(['neutral', 'warning'])
  })

  it('gives every figure words and the queue cards their tab of /admin/payouts', () => {
    for (const f of [...KPIS, ...QUEUE_CARDS]) expect([f.key, /^[A-Z][a-z]+( [a-z]+)*$/.test(f.label), f.description.length > 20]).toEqual([f.key, true, true])
    expect(QUEUE_CARDS.map((q) => [q.key, q.collection, q.where, q.queue])).toEqual([
      ['disputes_open', 'assignments', { status: { equals: 'disputed' } }, 'disputes'],
      ['captures_failed', 'payouts', { status: { equals: 'failed' } }, 'failed'],
    ])
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

describe('the KPI trend', () => {
  it('keeps snapshots per UTC day: the date of the instant in UTC, and the day starting at 00:00 UTC', () => {
    expect(utcDay(new Date('2026-03-10T23:30:00-05:00'))).toBe('2026-03-11')
    expect(startOfUtcDay('2026-03-11').toISOString()).toBe('2026-03-11T00:00:00.000Z')
  })

  it('rebuilds from the audit trail only the KPIs that count one status', () => {
    expect(KPIS.map((k) => [k.key, rebuildableFromAudit(k)])).toEqual([
      ['awaiting_schedule', { entity: 'assignments', status: 'pending_schedule' }],
      ['scheduled', { entity: 'assignments', status: 'scheduled' }],
      ['reminder_overdue', null],
      ['payout_pending', { entity: 'payouts', status: 'pending_review' }],
    ])
  })

  it('is one series per KPI over the days, a day without a snapshot a gap (null), not a zero', () => {
    const days = chartDays('2026-03-03', 3)
    const trend = kpiTrend(days, [
      { day: '2026-03-01', kpi: 'scheduled', value: 4 },
      { day: '2026-03-03', kpi: 'scheduled', value: 0 },
      { day: '2026-03-02', kpi: 'payout_pending', value: 2 },
      { day: '2026-02-01', kpi: 'scheduled', value: 9 }, // outside the days: ignored
    ])
    expect(trend.map((s) => s.key)).toEqual(KPIS.map((k) => k.key))
    expect(trend.find((s) => s.key === 'scheduled')!.points).toEqual([
      { day: '2026-03-01', value: 4 },
      { day: '2026-03-02', value: null },
      { day: '2026-03-03', value: 0 },
    ])
    expect(trend.find((s) => s.key === 'awaiting_schedule')!.points.every((p) => p.value === null)).toBe(true)
  })
})

describe('an assignment label', () => {
  it('names the job and its customer, falling back to the email and never empty', () => {
    expect(assignmentLabel('Service the boiler', { name: 'Bob Customer', email: 'bob@x' })).toBe('Service the boiler — Bob Customer')
    expect(assignmentLabel('  Fix tap ', { name: ' ', email: 'bob@x' })).toBe('Fix tap — bob@x')
    expect(assignmentLabel('', null)).toBe('Untitled job — unknown customer')
  })
})
