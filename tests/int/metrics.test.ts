/**
 * GET /api/metrics: guarded by METRICS_TOKEN, valid Prometheus text (a strict parser and `promtool check metrics` read
 * it), a sample for every counter and every known label set from the first scrape of a fresh database, every figure
 * equal to what the database says, and no counter ever lower than before — not when Ops requeue failed reminders,
 * delete logs or retry a failed capture.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { CHANNELS, REMINDER_KINDS } from '../../src/collections/ReminderLogs'
import { STRIPE_FAILURE_KINDS } from '../../src/domain/payments'
import { SCHEDULED_REMINDER_KINDS } from '../../src/domain/reminders'
import { suppressionReasons } from '../../src/domain/suppressions'
import { ATTEMPT_RESULTS } from '../../src/domain/webhooks'
import { readEnv } from '../../src/env'
import { loggingSmsProvider, useSmsProvider } from '../../src/services/notifications'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { authorize, givePaymentMethod, makeAssignment, payoutOf, runJobsUntil } from '../helpers/paymentFixtures'
import { type Family, parsePrometheusText, promtoolCheckMetrics, sampleValue, sumOf } from '../helpers/prometheus'
import { bookVisit, drain, roundedFromNow, rows, scan, zoneWhereHour } from '../helpers/reminders'
import { StripeFake } from '../helpers/stripeFake'

const TOKEN = 'metrics-token-for-tests-0123456789'
const EVENT_KINDS = REMINDER_KINDS.filter((k) => !(SCHEDULED_REMINDER_KINDS as readonly string[]).includes(k))
let app: TestApp
let world: World
let fake: StripeFake
let freshText = ''
/** Every scrape of the file, in order: no counter series may ever be lower than in an earlier one. */
const scrapes: Map<string, Family>[] = []

const failingSms = {
  name: 'failing',
  async send(): Promise<{ id: string }> {
    throw new Error('SMS gateway 503')
  },
}

const scrape = (token?: string) =>
  new ApiClient(app.baseUrl).request('GET', '/api/metrics', undefined, token ? { authorization: `Bearer ${token}` } : {})

const metrics = async () => {
  const res = await scrape(TOKEN)
  expect(res.status).toBe(200)
  const families = parsePrometheusText(res.body as string)
  scrapes.push(families)
  return families
}

beforeAll(async () => {
  fake = await StripeFake.start()
  app = await startTestApp({
    env: {
      METRICS_TOKEN: TOKEN,
      REMINDER_LEAD_MINUTES: '1440,180',
      REMINDER_OVERDUE_MINUTES: '2000',
      REMINDER_MAX_ATTEMPTS: '1',
      STRIPE_SECRET_KEY: 'sk_test_jobline',
      STRIPE_API_BASE: fake.url,
      CAPTURE_MAX_ATTEMPTS: '2',
      CAPTURE_RETRY_BASE_MS: '10',
    },
  })
  // the first scrape of a database that has nothing in it yet
  const fresh = await scrape(TOKEN)
  freshText = fresh.body as string
  scrapes.push(parsePrometheusText(freshText))

  world = await seedWorld(app.payload, app.baseUrl)
  await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour((h) => h >= 9 && h < 19)}`)
  // Alice and Ops get texts too; the SMS gateway is down during the first delivery, so those end failed (one attempt)
  await rows(app.payload, sql`UPDATE users SET phone = '+15550100', notifications_reminders_sms = true, notifications_nudges_sms = true, notifications_schedule_sms = true, notifications_transactional_sms = true WHERE id IN (${world.ids.customerA}, ${world.ids.ops})`)
  // Some of everything: sent reminders and alerts, suppressed ones for several reasons, failed ones.
  await bookVisit(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, start: roundedFromNow(100) })
  const cancelled = await bookVisit(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider2, start: roundedFromNow(110) })
  await scan(app.payload)
  await world.clients.customerB.act(`/api/assignments/${cancelled.assignmentId}/cancel`, {})
  useSmsProvider(failingSms)
  try {
    await drain(app.payload)
  } finally {
    useSmsProvider(loggingSmsProvider)
  }
})

afterAll(async () => {
  useSmsProvider(loggingSmsProvider)
  await app?.close()
  await fake?.close()
})

const countsBy = async (status: string, kinds: readonly string[], ...columns: ('kind' | 'channel' | 'reason')[]) => {
  const rs = await rows(app.payload, sql`
    SELECT kind, channel, coalesce(reason, '') AS reason, count(*)::int AS n FROM reminder_logs
    WHERE status = ${status}::enum_reminder_logs_status AND kind = ANY(${sql.param([...kinds])}::text[]) GROUP BY 1, 2, 3`)
  return rs.map((r) => ({ labels: Object.fromEntries(columns.map((c) => [c, String(r[c])])) as Record<string, string>, n: Number(r.n) }))
}

/** Every series of `name` the database has rows for equals its count, and the series add up to the rows. */
function expectSeriesEqual(families: Map<string, Family>, name: string, expected: { labels: Record<string, string>; n: number }[]) {
  const total = expected.reduce((a, e) => a + e.n, 0)
  const merged = new Map<string, { labels: Record<string, string>; n: number }>()
  for (const e of expected) {
    const key = JSON.stringify(e.labels)
    merged.set(key, { labels: e.labels, n: (merged.get(key)?.n ?? 0) + e.n })
  }
  for (const { labels, n } of merged.values()) expect([name, labels, sampleValue(families, name, labels)]).toEqual([name, labels, n])
  expect([name, sumOf(families, name)]).toEqual([name, total])
}

const counters = (families: Map<string, Family>) => [...families.values()].filter((f) => f.type === 'counter')
const labelSets = (families: Map<string, Family>, name: string) =>
  new Set(families.get(name)!.samples.map((s) => JSON.stringify(Object.entries(s.labels).sort())))
const labelKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort())

describe('GET /api/metrics', () => {
  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await scrape()).status).toBe(401)
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401)
    expect((await world.clients.ops.get('/api/metrics')).status).toBe(401) // a session is not the token
    const ok = await scrape(TOKEN)
    expect(ok.status).toBe(200)
  })

  it('on a fresh database: promtool finds nothing wrong, and every counter has a zero sample for each known label set', () => {
    expect(promtoolCheckMetrics(freshText)).toEqual({ status: 0, output: '' })
    const fresh = scrapes[0]
    const names = counters(fresh).map((f) => f.name).sort()
    expect(names).toEqual([
      'capture_failed_total',
      'notification_failed_total',
      'notification_sent_total',
      'notification_suppressed_total',
      'reminder_failed_total',
      'reminder_sent_total',
      'reminder_suppressed_total',
      'webhook_deliveries_total',
    ])
    for (const f of counters(fresh)) {
      expect([f.name, f.samples.length > 0]).toEqual([f.name, true])
      expect([f.name, f.samples.filter((s) => s.value !== 0)]).toEqual([f.name, []])
    }
    const byKindAndChannel = (kinds: readonly string[]) =>
      new Set(kinds.flatMap((kind) => CHANNELS.map((channel) => labelKey({ kind, channel }))))
    for (const family of ['reminder', 'notification'] as const) {
      const kinds = family === 'reminder' ? SCHEDULED_REMINDER_KINDS : EVENT_KINDS
      expect(labelSets(fresh, `${family}_sent_total`)).toEqual(byKindAndChannel(kinds))
      expect(labelSets(fresh, `${family}_failed_total`)).toEqual(byKindAndChannel(kinds))
      expect(labelSets(fresh, `${family}_suppressed_total`)).toEqual(
        new Set(kinds.flatMap((kind) => suppressionReasons(kind).flatMap((reason) => CHANNELS.map((channel) => labelKey({ reason, kind, channel }))))),
      )
    }
    expect(labelSets(fresh, 'capture_failed_total')).toEqual(new Set(STRIPE_FAILURE_KINDS.map((kind) => labelKey({ kind }))))
    expect(labelSets(fresh, 'webhook_deliveries_total')).toEqual(new Set(ATTEMPT_RESULTS.map((result) => labelKey({ result }))))
    expect(sampleValue(fresh, 'webhook_delivery_seconds_count')).toBe(0)
    // the ones the runbook's alerts read, spelled out
    expect(fresh.get('reminder_suppressed_total')!.samples).toContainEqual({
      name: 'reminder_suppressed_total',
      labels: { reason: 'rate_limited', kind: 'visit_reminder', channel: 'email' },
      value: 0,
    })
    expect(sampleValue(fresh, 'payouts_failed')).toBe(0)
    expect(sampleValue(fresh, 'jobs_queue_depth', { queue: 'default', state: 'errored' })).toBe(0)
    expect(fresh.get('jobs_queue_depth')!.samples).toHaveLength(4)
  })

  it('is Prometheus text with the documented families and types, clean for promtool with data in it', async () => {
    const res = await fetch(`${app.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(promtoolCheckMetrics(text)).toEqual({ status: 0, output: '' })
    const families = parsePrometheusText(text)
    scrapes.push(families)
    const types = Object.fromEntries([...families.values()].map((f) => [f.name, f.type]))
    expect(types).toEqual({
      reminder_sent_total: 'counter',
      reminder_failed_total: 'counter',
      reminder_suppressed_total: 'counter',
      reminder_pending: 'gauge',
      notification_sent_total: 'counter',
      notification_failed_total: 'counter',
      notification_suppressed_total: 'counter',
      notification_pending: 'gauge',
      capture_failed_total: 'counter',
      payouts_failed: 'gauge',
      awaiting_schedule: 'gauge',
      scheduled: 'gauge',
      reminder_overdue: 'gauge',
      payout_pending: 'gauge',
      jobs_queue_depth: 'gauge',
      worker_heartbeat_age_seconds: 'gauge',
      worker_alive: 'gauge',
      reminder_oldest_due_age_seconds: 'gauge',
      reminder_oldest_pending_age_seconds: 'gauge',
      webhook_deliveries_total: 'counter',
      webhook_delivery_seconds: 'histogram',
      webhook_deliveries_pending: 'gauge',
      webhook_oldest_pending_age_seconds: 'gauge',
      webhook_deliveries_dead: 'gauge',
      webhook_endpoints: 'gauge',
    })
    for (const f of families.values()) expect(f.help.length).toBeGreaterThan(10)
  })

  it('counts reminders and other notifications apart, exactly as the log has them', async () => {
    expect(await rows(app.payload, sql`SELECT * FROM retired_reminder_outcomes`)).toEqual([]) // nothing deleted or requeued yet
    const families = await metrics()
    for (const [family, kinds] of [
      ['reminder', SCHEDULED_REMINDER_KINDS],
      ['notification', EVENT_KINDS],
    ] as const) {
      expectSeriesEqual(families, `${family}_sent_total`, await countsBy('sent', kinds, 'kind', 'channel'))
      expectSeriesEqual(families, `${family}_failed_total`, await countsBy('failed', kinds, 'kind', 'channel'))
      expectSeriesEqual(families, `${family}_suppressed_total`, await countsBy('suppressed', kinds, 'reason', 'kind', 'channel'))
      expectSeriesEqual(families, `${family}_pending`, await countsBy('pending', kinds, 'kind', 'channel'))
    }
    // the setup produced each of these, so the comparisons are not vacuous
    expect(sumOf(families, 'reminder_sent_total', { kind: 'visit_reminder', channel: 'email' })).toBeGreaterThanOrEqual(2)
    expect(sampleValue(families, 'reminder_failed_total', { kind: 'visit_reminder', channel: 'sms' })).toBe(1) // Alice's text
    expect(sampleValue(families, 'notification_failed_total', { kind: 'reminder_overdue', channel: 'sms' })).toBeGreaterThan(0) // Ops's
    expect(sumOf(families, 'notification_sent_total', { kind: 'reminder_overdue', channel: 'email' })).toBeGreaterThan(0)
    expect(sumOf(families, 'notification_sent_total', { kind: 'visit_cancelled' })).toBeGreaterThan(0)
    expect(sumOf(families, 'reminder_sent_total', { kind: 'visit_cancelled' })).toBe(0)
    expect(sumOf(families, 'reminder_suppressed_total', { reason: 'cancelled' })).toBeGreaterThan(0)
    expect(sumOf(families, 'reminder_suppressed_total', { reason: 'superseded' })).toBeGreaterThan(0)
  })

  it('never lowers a reminder counter: requeued failures and deleted logs still count', async () => {
    const before = await metrics()
    const failedBefore = sumOf(before, 'reminder_failed_total') + sumOf(before, 'notification_failed_total')
    expect(failedBefore).toBeGreaterThanOrEqual(2)

    // the runbook's requeue of failed reminders, after the SMS gateway is back
    await rows(app.payload, sql`
      UPDATE reminder_logs SET status = 'pending', attempts = 0, error = NULL, next_attempt_at = now(),
        claimed_by = NULL, lease_until = NULL
      WHERE status = 'failed' AND updated_at > now() - interval '1 day'`)
    const requeued = await metrics()
    expect(sumOf(requeued, 'reminder_failed_total') + sumOf(requeued, 'notification_failed_total')).toBe(failedBefore)
    expect(sampleValue(requeued, 'reminder_pending', { kind: 'visit_reminder', channel: 'sms' })).toBe(1)

    await scan(app.payload)
    await drain(app.payload)
    const resent = await metrics()
    expect(sampleValue(resent, 'reminder_sent_total', { kind: 'visit_reminder', channel: 'sms' })).toBe(1)
    expect(sampleValue(resent, 'reminder_failed_total', { kind: 'visit_reminder', channel: 'sms' })).toBe(1)

    // Ops deletes a sent reminder's log through the API
    const [sent] = await rows(app.payload, sql`SELECT id FROM reminder_logs WHERE status = 'sent' AND kind = 'visit_reminder' ORDER BY id LIMIT 1`)
    expect((await world.clients.ops.delete(`/api/reminder-logs/${sent.id}`)).status).toBe(200)
    const deleted = await metrics()
    expect(sumOf(deleted, 'reminder_sent_total')).toBe(sumOf(resent, 'reminder_sent_total'))
  })

  it('counts capture failures from the audit trail: a retried capture does not lower capture_failed_total', async () => {
    await givePaymentMethod(app.payload, world.ids.customerA)
    const failCapture = async (script: typeof fake.captureScript) => {
      const made = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'completed' })
      expect((await authorize(app.payload, made.assignmentId)).status).toBe('authorized')
      fake.captureScript = script
      expect((await world.clients.customerA.act(`/api/assignments/${made.assignmentId}/verify`)).status).toBe(200)
      await runJobsUntil(app.payload, async () => (await payoutOf(app.payload, made.assignmentId))[0]?.status === 'failed')
      return (await payoutOf(app.payload, made.assignmentId))[0]
    }
    const retryable = await failCapture([500, 500]) // both attempts of CAPTURE_MAX_ATTEMPTS=2
    await failCapture(['unexpected_state']) // the authorisation can no longer be captured: no retry
    const failed = await metrics()
    expect(sampleValue(failed, 'capture_failed_total', { kind: 'retryable' })).toBe(1)
    expect(sampleValue(failed, 'capture_failed_total', { kind: 'not_capturable' })).toBe(1)
    expect(sampleValue(failed, 'capture_failed_total', { kind: 'fatal' })).toBe(0)
    expect(sampleValue(failed, 'payouts_failed')).toBe(2)

    fake.captureScript = []
    expect((await world.clients.ops.act(`/api/payouts/${retryable.id}/retry-capture`)).status).toBe(200)
    const retrying = await metrics()
    expect(sampleValue(retrying, 'payout_pending', { status: 'capture_pending' })).toBe(1)
    await runJobsUntil(app.payload, async () => (await app.payload.findByID({ collection: 'payouts', id: retryable.id, overrideAccess: true })).status === 'captured')
    const captured = await metrics()
    expect(sampleValue(captured, 'capture_failed_total', { kind: 'retryable' })).toBe(1) // not lower after the retry
    expect(sumOf(captured, 'capture_failed_total')).toBe(2)
    expect(sampleValue(captured, 'payouts_failed')).toBe(1)
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
    expect(sampleValue(families, 'payouts_failed')).toBe(p.failed)
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

  it('no counter series ever went down from one scrape to the next, nor disappeared', () => {
    expect(scrapes.length).toBeGreaterThanOrEqual(8)
    const drops: string[] = []
    for (let i = 1; i < scrapes.length; i++) {
      for (const f of counters(scrapes[i - 1])) {
        const later = scrapes[i].get(f.name)
        for (const s of f.samples) {
          const now = later?.samples.find((x) => labelKey(x.labels) === labelKey(s.labels))
          if (!now || now.value < s.value) drops.push(`${f.name}${labelKey(s.labels)}: ${s.value} → ${now?.value ?? 'gone'} (scrape ${i})`)
        }
      }
    }
    expect(drops).toEqual([])
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
