import { sql } from '@payloadcms/db-postgres'

import type { Payload } from 'payload'

import type { KpiKey } from '../domain/kpis'
import { kpiCountsForSystem } from '../services/kpis'
import type { Db } from '../db/sql'
import { dbOf, num } from '../db/sql'
import { captureFailuresByKind } from '../services/payments/metrics'

/**
 * The figures /api/metrics and /api/health report, read from the database at request time. Every process (web or
 * worker) writes what it does to the database, so whichever process answers a scrape reports the whole system.
 */

/** Notifications by status and labels; `reason` is the suppression reason ('' unless suppressed). */
export type ReminderOutcomeCount = { status: string; kind: string; channel: string; reason: string; count: number }
export const QUEUE_STATES = ['due', 'waiting', 'processing', 'errored'] as const
export type QueueCount = { queue: string; state: (typeof QUEUE_STATES)[number]; count: number }

export type WorkerStatus = {
  /** Seconds since the freshest heartbeat of any worker; null when no worker ever wrote one. */
  heartbeatAgeSeconds: number | null
  lastHeartbeatAt: Date | null
  /** Workers whose heartbeat is fresher than 3 × REMINDER_POLL_INTERVAL_MS. */
  workersAlive: number
  /** Jobs runnable now, on the worker's queues. */
  queueDepth: number
  /** Seconds the longest-waiting due reminder has waited past its time; 0 when none is late. */
  oldestDueReminderAgeSeconds: number
  /** Since the scheduled time of the longest-waiting pending reminder, retries waiting out their backoff included. */
  oldestPendingReminderAgeSeconds: number
  pendingReminders: number
}

export async function readWorkerStatus(db: Db, { pollIntervalMs, queues }: { pollIntervalMs: number; queues: readonly string[] }): Promise<WorkerStatus> {
  const { rows } = await db.execute(sql`
    SELECT
      (SELECT max(beat_at) FROM worker_heartbeats) AS last_beat,
      (SELECT extract(epoch FROM now() - max(beat_at)) FROM worker_heartbeats) AS beat_age,
      (SELECT count(*)::int FROM worker_heartbeats
        WHERE beat_at > now() - ${3 * pollIntervalMs} * interval '1 millisecond') AS alive,
      (SELECT count(*)::int FROM payload_jobs
        WHERE queue = ANY(${sql.param([...queues])}::text[]) AND completed_at IS NULL AND has_error IS NOT TRUE
          AND processing = false AND (wait_until IS NULL OR wait_until <= now())) AS depth,
      (SELECT coalesce(extract(epoch FROM now() - min(next_attempt_at)), 0) FROM reminder_logs
        WHERE status = 'pending' AND next_attempt_at <= now()) AS oldest_due,
      (SELECT coalesce(extract(epoch FROM now() - min(scheduled_for)), 0) FROM reminder_logs
        WHERE status = 'pending' AND scheduled_for <= now()) AS oldest_pending,
      (SELECT count(*)::int FROM reminder_logs WHERE status = 'pending') AS pending`)
  const r = rows[0] ?? {}
  return {
    heartbeatAgeSeconds: r.beat_age == null ? null : Math.max(0, Number(r.beat_age)),
    lastHeartbeatAt: r.last_beat == null ? null : new Date(r.last_beat as string),
    workersAlive: num(r.alive),
    queueDepth: num(r.depth),
    oldestDueReminderAgeSeconds: Math.max(0, Number(r.oldest_due ?? 0)),
    oldestPendingReminderAgeSeconds: Math.max(0, Number(r.oldest_pending ?? 0)),
    pendingReminders: num(r.pending),
  }
}

/** Latency bounds of webhook_delivery_seconds, in seconds (the receiver's limit is 10 s). */
export const WEBHOOK_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

export type WebhookFigures = {
  /** Attempts ever made, by result (webhook_attempts is append-only). */
  attempts: { result: string; count: number }[]
  /** Cumulative attempt counts per WEBHOOK_LATENCY_BUCKETS bound, then the sum of latencies and the count. */
  latency: { buckets: number[]; sumSeconds: number; count: number }
  /** Deliveries waiting for an enabled endpoint, and how long the oldest has waited since it was queued. */
  pending: number
  oldestPendingAgeSeconds: number
  dead: number
  endpoints: { enabled: number; disabled: number }
}

async function readWebhookFigures(db: Db): Promise<WebhookFigures> {
  const bounds = WEBHOOK_LATENCY_BUCKETS.map((b, i) => sql`count(*) FILTER (WHERE latency_ms <= ${b * 1000}) AS ${sql.raw(`b${i}`)}`)
  const [byResult, latency, state] = await Promise.all([
    db.execute(sql`SELECT result, count(*) AS n FROM webhook_attempts GROUP BY result`),
    db.execute(sql`SELECT ${sql.join(bounds, sql`, `)}, coalesce(sum(latency_ms), 0) AS ms, count(*) AS n FROM webhook_attempts`),
    db.execute(sql`
      SELECT
        (SELECT count(*) FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.status = 'pending' AND e.enabled) AS pending,
        (SELECT coalesce(extract(epoch FROM now() - min(d.queued_at)), 0) FROM webhook_deliveries d
          JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.status = 'pending' AND e.enabled) AS oldest,
        (SELECT count(*) FROM webhook_deliveries WHERE status = 'dead') AS dead,
        (SELECT count(*) FILTER (WHERE enabled) FROM webhook_endpoints) AS enabled,
        (SELECT count(*) FILTER (WHERE NOT enabled) FROM webhook_endpoints) AS disabled`),
  ])
  const l = latency.rows[0] ?? {}
  const st = state.rows[0] ?? {}
  return {
    attempts: byResult.rows.map((r) => ({ result: String(r.result), count: num(r.n) })),
    latency: { buckets: WEBHOOK_LATENCY_BUCKETS.map((_, i) => num(l[`b${i}`])), sumSeconds: num(l.ms) / 1000, count: num(l.n) },
    pending: num(st.pending),
    oldestPendingAgeSeconds: Math.max(0, Number(st.oldest ?? 0)),
    dead: num(st.dead),
    endpoints: { enabled: num(st.enabled), disabled: num(st.disabled) },
  }
}

export type MetricsSnapshot = {
  /**
   * Every outcome ever recorded: the reminder-logs rows as they are now, plus the outcomes that left the table (a row
   * deleted, a failed one requeued; counted by the triggers of the metric_counters migration), so no count goes down.
   * Pending rows are the ones waiting now.
   */
  reminders: ReminderOutcomeCount[]
  /** The Ops console's KPIs (src/domain/kpis.ts), counted over every record. */
  kpis: Record<KpiKey, number>
  payouts: { status: string; count: number }[]
  /** Capture failures by kind, from the audit trail. */
  captureFailures: { kind: string; count: number }[]
  queues: QueueCount[]
  /** The queues the workers run, reported even when empty. */
  watchedQueues: readonly string[]
  worker: WorkerStatus
  webhooks: WebhookFigures
}

export async function readMetricsSnapshot(payload: Payload, opts: { pollIntervalMs: number; queues: readonly string[] }): Promise<MetricsSnapshot> {
  const db = dbOf(payload)
  const [reminders, kpis, payouts, captureFailures, queues, worker, webhooks] = await Promise.all([
    db.execute(sql`
      SELECT status, kind, channel, reason, sum(n)::bigint AS n FROM (
        SELECT status::text AS status, kind, channel::text AS channel,
          CASE WHEN status = 'suppressed' THEN coalesce(reason, '') ELSE '' END AS reason, count(*) AS n
        FROM reminder_logs GROUP BY 1, 2, 3, 4
        UNION ALL
        SELECT status, kind, channel, reason, n FROM retired_reminder_outcomes) AS outcomes
      GROUP BY 1, 2, 3, 4`),
    kpiCountsForSystem(payload),
    db.execute(sql`SELECT status, count(*)::int AS n FROM payouts GROUP BY status`),
    captureFailuresByKind(db),
    db.execute(sql`
      SELECT queue, CASE WHEN has_error THEN 'errored' WHEN processing THEN 'processing'
          WHEN wait_until > now() THEN 'waiting' ELSE 'due' END AS state, count(*)::int AS n
      FROM payload_jobs WHERE completed_at IS NULL GROUP BY 1, 2`),
    readWorkerStatus(db, opts),
    readWebhookFigures(db),
  ])
  return {
    reminders: reminders.rows.map((r) => ({
      status: String(r.status),
      kind: String(r.kind),
      channel: String(r.channel),
      reason: String(r.reason),
      count: num(r.n),
    })),
    kpis,
    payouts: payouts.rows.map((r) => ({ status: String(r.status), count: num(r.n) })),
    captureFailures,
    queues: queues.rows.map((r) => ({ queue: String(r.queue ?? 'default'), state: r.state as QueueCount['state'], count: num(r.n) })),
    watchedQueues: opts.queues,
    worker,
    webhooks,
  }
}
