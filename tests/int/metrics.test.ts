/**
 * GET /api/metrics: guarded by METRICS_TOKEN, valid Prometheus text (a strict parser reads it), and every figure equal
 * to what the database says at that moment — the numbers are derived from it at scrape time, so they are the same
 * whichever process is scraped.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { readEnv } from '../../src/env'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { type Family, parsePrometheusText, sampleValue, sumOf } from '../helpers/prometheus'
import { bookVisit, drain, roundedFromNow, rows, scan, zoneWhereHour } from '../helpers/reminders'

const TOKEN = 'metrics-token-for-tests-0123456789'
let app: TestApp
let world: World

beforeAll(async () => {
  app = await startTestApp({ env: { METRICS_TOKEN: TOKEN, REMINDER_LEAD_MINUTES: '1440,180', REMINDER_OVERDUE_MINUTES: '2000' } })
  world = await seedWorld(app.payload, app.baseUrl)
  await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour((h) => h >= 9 && h < 19)}`)
  // Some of everything: sent reminders and alerts, suppressed ones for several reasons, a failure, failed capture.
  await bookVisit(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, start: roundedFromNow(100) })
  const cancelled = await bookVisit(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider2, start: roundedFromNow(110) })
  await scan(app.payload)
  await world.clients.customerB.act(`/api/assignments/${cancelled.assignmentId}/cancel`, {})
  await drain(app.payload)
  await rows(app.payload, sql`UPDATE reminder_logs SET status = 'failed', error = 'SMTP 554' WHERE id = (SELECT max(id) FROM reminder_logs WHERE status = 'sent')`)
  await rows(app.payload, sql`UPDATE payouts SET status = 'failed'`)
})

afterAll(async () => {
  await app?.close()
})

const scrape = (token?: string) =>
  new ApiClient(app.baseUrl).request('GET', '/api/metrics', undefined, token ? { authorization: `Bearer ${token}` } : {})

const metrics = async () => {
  const res = await scrape(TOKEN)
  expect(res.status).toBe(200)
  return parsePrometheusText(res.body as string)
}

const countsBy = async (status: string, ...columns: ('kind' | 'channel' | 'reason')[]) => {
  const rs = await rows(app.payload, sql`
    SELECT kind, channel, coalesce(reason, '') AS reason, count(*)::int AS n FROM reminder_logs
    WHERE status = ${status}::enum_reminder_logs_status GROUP BY 1, 2, 3`)
  return rs.map((r) => ({ labels: Object.fromEntries(columns.map((c) => [c, String(r[c])])) as Record<string, string>, n: Number(r.n) }))
}

/** Every series of `name` equals the database's count for its labels, and no count is missing from the series. */
function expectSeriesEqual(families: Map<string, Family>, name: string, expected: { labels: Record<string, string>; n: number }[]) {
  const total = expected.reduce((a, e) => a + e.n, 0)
  const merged = new Map<string, { labels: Record<string, string>; n: number }>()
  for (const e of expected) {
    const key = JSON.stringify(e.labels)
    merged.set(key, { labels: e.labels, n: (merged.get(key)?.n ?? 0) + e.n })
  }
  for (const { labels, n } of merged.values()) expect([name, labels, sampleValue(families, name, labels)]).toEqual([name, labels, n])
  expect(sumOf(families, name)).toBe(total)
}

describe('GET /api/metrics', () => {
  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await scrape()).status).toBe(401)
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401)
    expect((await world.clients.ops.get('/api/metrics')).status).toBe(401) // a session is not the token
    const ok = await scrape(TOKEN)
    expect(ok.status).toBe(200)
  })

  it('is Prometheus text with the documented families and types', async () => {
    const res = await fetch(`${app.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const families = parsePrometheusText(await res.text())
    const types = Object.fromEntries([...families.values()].map((f) => [f.name, f.type]))
    expect(types).toMatchObject({
      reminder_sent_total: 'counter',
      reminder_failed_total: 'counter',
      reminder_suppressed_total: 'counter',
      capture_failed_total: 'counter',
      reminder_pending: 'gauge',
      awaiting_schedule: 'gauge',
      scheduled: 'gauge',
      reminder_overdue: 'gauge',
      payout_pending: 'gauge',
      jobs_queue_depth: 'gauge',
      worker_heartbeat_age_seconds: 'gauge',
      worker_alive: 'gauge',
      reminder_oldest_due_age_seconds: 'gauge',
    })
    for (const f of families.values()) expect(f.help.length).toBeGreaterThan(10)
  })

  it('counts reminders exactly as the database has them', async () => {
    const families = await metrics()
    expectSeriesEqual(families, 'reminder_sent_total', await countsBy('sent', 'kind', 'channel'))
    expectSeriesEqual(families, 'reminder_failed_total', await countsBy('failed', 'kind', 'channel'))
    expectSeriesEqual(families, 'reminder_suppressed_total', await countsBy('suppressed', 'reason', 'kind', 'channel'))
    expectSeriesEqual(families, 'reminder_pending', await countsBy('pending', 'kind', 'channel'))
    // the setup produced each of these, so the comparison is not vacuous
    expect(sumOf(families, 'reminder_sent_total')).toBeGreaterThan(3)
    expect(sumOf(families, 'reminder_failed_total')).toBe(1)
    expect(sumOf(families, 'reminder_suppressed_total', { reason: 'cancelled' })).toBeGreaterThan(0)
    expect(sumOf(families, 'reminder_suppressed_total', { reason: 'superseded' })).toBeGreaterThan(0)
  })

  it('reports job states, payouts, the queue and the worker as the database has them', async () => {
    const families = await metrics()
    const [a] = await rows(app.payload, sql`
      SELECT count(*) FILTER (WHERE status = 'pending_schedule')::int AS awaiting,
        count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
        count(*) FILTER (WHERE reminders_overdue)::int AS overdue FROM assignments`)
    expect(sampleValue(families, 'awaiting_schedule')).toBe(a.awaiting)
    expect(sampleValue(families, 'scheduled')).toBe(a.scheduled)
    expect(sampleValue(families, 'reminder_overdue')).toBe(a.overdue)
    expect(a.overdue).toBeGreaterThan(0) // the seeded unscheduled fence job is past the 2000-minute SLA

    const [p] = await rows(app.payload, sql`
      SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed,
        count(*) FILTER (WHERE status = 'pending_review')::int AS review,
        count(*) FILTER (WHERE status = 'capture_pending')::int AS capture FROM payouts`)
    expect(sampleValue(families, 'capture_failed_total')).toBe(p.failed)
    expect(p.failed).toBeGreaterThan(0)
    expect(sampleValue(families, 'payout_pending', { status: 'pending_review' })).toBe(p.review)
    expect(sampleValue(families, 'payout_pending', { status: 'capture_pending' })).toBe(p.capture)

    const queue = await rows(app.payload, sql`
      SELECT CASE WHEN has_error THEN 'errored' WHEN processing THEN 'processing'
        WHEN wait_until > now() THEN 'waiting' ELSE 'due' END AS state, count(*)::int AS n
      FROM payload_jobs WHERE completed_at IS NULL GROUP BY 1`)
    for (const q of queue) expect(sampleValue(families, 'jobs_queue_depth', { queue: 'default', state: String(q.state) })).toBe(q.n)
    expect(sumOf(families, 'jobs_queue_depth')).toBe(queue.reduce((s, q) => s + Number(q.n), 0))

    // no worker has ever beaten here: infinitely old, so an alert on the age fires
    expect(sampleValue(families, 'worker_heartbeat_age_seconds')).toBe(Number.POSITIVE_INFINITY)
    expect(sampleValue(families, 'worker_alive')).toBe(0)
    await rows(app.payload, sql`INSERT INTO worker_heartbeats (worker_id, host, pid, beat_at) VALUES ('w1', 'h', 1, now() - interval '5 seconds')`)
    const after = await metrics()
    expect(sampleValue(after, 'worker_heartbeat_age_seconds')).toBeGreaterThanOrEqual(5)
    expect(sampleValue(after, 'worker_heartbeat_age_seconds')).toBeLessThan(30)
    expect(sampleValue(after, 'worker_alive')).toBe(1)
  })
})

describe('configuration', () => {
  const problems = (source: Record<string, string>) => {
    try {
      readEnv(source)
      return ''
    } catch (error) {
      return (error as Error).message
    }
  }

  it('fails at boot naming the variable', () => {
    expect(problems({ METRICS_TOKEN: 'short' })).toContain('METRICS_TOKEN must be at least 16 characters')
    expect(problems({ RUN_WORKER_IN_WEB: 'yes' })).toContain('RUN_WORKER_IN_WEB must be "true" or "false"')
    expect(problems({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be debug, info, warn or error')
    expect(problems({ LOG_LEVEL: 'WARN' })).toBe('')
    expect(problems({ REMINDER_BATCH_SIZE: '0' })).toContain('REMINDER_BATCH_SIZE must be a whole number of count from 1 to 1000')
    const many = problems({ REMINDER_QUIET_HOURS: 'late', REMINDER_POLL_INTERVAL_MS: '10', REMINDER_WORKER_ENABLED: 'maybe' })
    expect(many).toContain('REMINDER_QUIET_HOURS must look like "21-8"')
    expect(many).toContain('REMINDER_POLL_INTERVAL_MS must be a whole number of milliseconds of at least 1000')
    expect(many).toContain('REMINDER_WORKER_ENABLED must be "true" or "false"')
    expect(problems({})).toBe('')
    expect(readEnv({}).reminders).toMatchObject({ workerEnabled: true, leadMinutes: [1440, 120], pollIntervalMs: 60_000 })
  })
})
