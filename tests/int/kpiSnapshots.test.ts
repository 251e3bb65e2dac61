/**
 * The KPIs' daily snapshots: the worker's housekeeping writes today's four figures once (however often it asks and
 * however many workers run), they equal the live counts, the backfill rebuilds past days from the audit trail without
 * touching figures that exist, and only Ops read them (REST, GraphQL, the dashboard's trend).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { dbOf } from '../../src/db/sql'
import { chartDays, KPIS, startOfUtcDay, utcDay } from '../../src/domain/kpis'
import { startWorker } from '../../src/jobs/startWorker'
import { kpiCountsForSystem } from '../../src/services/kpis'
import { backfillKpiSnapshots, kpiTrendFor, takeKpiSnapshot } from '../../src/services/kpis/snapshots'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { waitUntil } from '../helpers/workerProcess'

let app: TestApp
let world: World

beforeAll(async () => {
  app = await startTestApp({ env: { REMINDER_QUIET_HOURS: 'off', REMINDER_POLL_INTERVAL_MS: '1000' } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
})

const DAY = 24 * 3_600_000
const db = () => dbOf(app.payload)
type Row = { day: string; kpi: string; value: number; source: string }
const snapshots = async (): Promise<Row[]> => {
  const { rows } = await db().execute(sql`SELECT day, kpi::text AS kpi, value::int AS value, source::text AS source FROM kpi_snapshots ORDER BY day, kpi`)
  return rows as Row[]
}
const today = () => utcDay(new Date())
const user = async (email: string) => (await app.payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })).docs[0]

describe("the worker's daily snapshot", () => {
  it("is written by the worker's housekeeping: today's four figures, equal to the live counts", async () => {
    const worker = startWorker(app.payload)
    try {
      await waitUntil(async () => (await snapshots()).length === KPIS.length, 30_000, "today's snapshot")
    } finally {
      await worker.stop()
    }
    const counts = await kpiCountsForSystem(app.payload)
    expect(await snapshots()).toEqual(
      KPIS.map((k) => ({ day: today(), kpi: k.key, value: counts[k.key], source: 'live' })).sort((a, b) => a.kpi.localeCompare(b.kpi)),
    )
    expect(counts.payout_pending).toBe(1) // the seed's boiler payout: the figures are real, not zeros
  })

  it('is written once a day: asking again, or from several workers at once, writes nothing more', async () => {
    const before = await snapshots()
    expect(await takeKpiSnapshot(app.payload)).toEqual({ day: today(), written: 0 })
    const results = await Promise.all([1, 2, 3].map(() => takeKpiSnapshot(app.payload, new Date(Date.now() + DAY))))
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(KPIS.length)
    const after = await snapshots()
    expect(after.filter((r) => r.day === today())).toEqual(before)
    expect(after.filter((r) => r.day !== today())).toHaveLength(KPIS.length)
    await db().execute(sql`DELETE FROM kpi_snapshots WHERE day <> ${today()}`)
  })

  it('fills a KPI missing from today, leaving the others as they were taken', async () => {
    await db().execute(sql`DELETE FROM kpi_snapshots WHERE kpi = 'scheduled'`)
    expect((await takeKpiSnapshot(app.payload)).written).toBe(1)
    expect((await snapshots()).map((r) => r.kpi).sort()).toEqual(KPIS.map((k) => k.key).sort())
  })
})

describe('the backfill', () => {
  /**
   * A history: the seed's records came into being 10 days ago (noon UTC), and 5 days ago one assignment waiting for a
   * time got its visit booked. Their audit rows are moved there; the backfill must read the states off them.
   */
  let moved: number
  beforeAll(async () => {
    const { docs } = await app.payload.find({ collection: 'assignments', where: { status: { equals: 'pending_schedule' } }, overrideAccess: true, depth: 0 })
    expect(docs).toHaveLength(1) // "Repair garden fence"
    moved = docs[0].id
    const created = new Date(startOfUtcDay(chartDays(today(), 11)[0]).getTime() + 12 * 3_600_000)
    const booked = new Date(startOfUtcDay(chartDays(today(), 6)[0]).getTime() + 12 * 3_600_000)
    await db().execute(sql`UPDATE audit_events SET at = ${created.toISOString()}::timestamptz`)
    await db().execute(sql`
      INSERT INTO audit_events (entity, entity_id, machine, action, actor_role, from_state, to_state, at)
      VALUES ('assignments', ${String(moved)}, 'assignment', 'confirmSchedule', 'customer', 'pending_schedule', 'scheduled', ${booked.toISOString()}::timestamptz)`)
  })

  it('rebuilds the status KPIs of past days from the audit trail, at 00:00 UTC of each day', async () => {
    const result = await backfillKpiSnapshots(app.payload, { days: 12 })
    expect(result.skipped).toEqual(['reminder_overdue'])
    const days = chartDays(today(), 12)
    const rows = await snapshots()
    const series = (kpi: string) => days.map((d) => rows.find((r) => r.day === d && r.kpi === kpi)?.value ?? null)
    // 11 days ago nothing existed, 10 days ago at 00:00 neither (created at noon); then the seed's states (1 waiting
    // for a time, 2 scheduled, 1 payout to review) until the booking at noon 5 days ago moved one to scheduled
    expect(series('awaiting_schedule').slice(0, 11)).toEqual([0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0])
    expect(series('scheduled').slice(0, 11)).toEqual([0, 0, 2, 2, 2, 2, 2, 3, 3, 3, 3])
    expect(series('payout_pending').slice(0, 11)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    // the overdue flag has no history: only today's live figure
    expect(series('reminder_overdue')).toEqual([...Array(11).fill(null), rows.find((r) => r.day === today() && r.kpi === 'reminder_overdue')!.value])
    expect(result.written).toBe(11 * 3)
  })

  it("never touches a figure that exists (today's live ones stay live), and a second run writes nothing", async () => {
    const rows = await snapshots()
    expect(rows.filter((r) => r.day === today()).map((r) => r.source)).toEqual(['live', 'live', 'live', 'live'])
    expect(rows.filter((r) => r.day !== today()).every((r) => r.source === 'audit')).toBe(true)
    expect((await backfillKpiSnapshots(app.payload, { days: 12 })).written).toBe(0)
    expect(await snapshots()).toEqual(rows)
  })
})

describe('who reads the snapshots', () => {
  it('Ops, over REST and GraphQL; customers and providers get nothing', async () => {
    expect((await world.clients.ops.get('/api/kpi-snapshots?limit=100')).body.totalDocs).toBeGreaterThan(KPIS.length)
    for (const actor of ['customerA', 'provider1', 'anonymous'] as const) {
      const res = await world.clients[actor].get('/api/kpi-snapshots')
      expect([actor, [401, 403]]).toEqual([actor, expect.arrayContaining([res.status])])
      const gql = await world.clients[actor].gql('{ KpiSnapshots { docs { id value } } }')
      expect([actor, gql.body.data?.KpiSnapshots?.docs ?? null]).toEqual([actor, null])
    }
    const id = (await snapshots()).length && (await app.payload.find({ collection: 'kpi-snapshots', limit: 1, overrideAccess: true })).docs[0].id
    expect((await world.clients.ops.patch(`/api/kpi-snapshots/${id}`, { value: 99 })).status).toBe(403)
    expect((await world.clients.ops.delete(`/api/kpi-snapshots/${id}`)).status).toBe(403)
  })

  it("is the dashboard's trend for Ops (30 days, gaps where no figure), and nothing for anyone else", async () => {
    const trend = await kpiTrendFor(app.payload, await user('ops@jobline.local'))
    expect(trend!.days).toHaveLength(30)
    const scheduled = trend!.series.find((s) => s.key === 'scheduled')!
    expect(scheduled.points.slice(-3).map((p) => p.value)).toEqual([3, 3, (await kpiCountsForSystem(app.payload)).scheduled])
    expect(scheduled.points[0].value).toBeNull()
    expect(await kpiTrendFor(app.payload, await user('alice@jobline.local'))).toBeNull()
  })
})
