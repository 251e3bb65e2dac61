import { Counter, Gauge, Registry } from 'prom-client'

import { CHANNELS, REMINDER_KINDS } from '../collections/ReminderLogs'
import { KPIS } from '../domain/kpis'
import { STRIPE_FAILURE_KINDS } from '../domain/payments'
import { suppressionReasons } from '../domain/suppressions'
import { isScheduledReminder, SCHEDULED_REMINDER_KINDS } from '../services/notifications/kinds'
import { ATTEMPT_RESULTS } from '../domain/webhooks'
import { QUEUE_STATES, WEBHOOK_LATENCY_BUCKETS, type MetricsSnapshot } from './snapshot'

const EVENT_KINDS = REMINDER_KINDS.filter((k) => !isScheduledReminder(k))

/**
 * A fresh prom-client registry filled from one database snapshot. Every `_total` is a real counter: it never goes
 * down (reminder outcomes include those deleted or requeued since, capture failures come from the append-only audit
 * trail), and every label set the domain knows starts at 0, so `increase()` and dashboards read 0, not "no data".
 */
export function registryFrom(s: MetricsSnapshot): Registry {
  const registry = new Registry()
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] })
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] })

  // Reminders (the scan's scheduled nudges) and the other notifications (event messages, Ops alerts) apart: the first
  // obey quiet hours and the daily cap, the second go out at once; their failures mean different things.
  const families = (prefix: 'reminder' | 'notification', what: string, kinds: readonly string[]) => {
    const f = {
      sent: counter(`${prefix}_sent_total`, `${what} sent, by kind and channel.`, ['kind', 'channel']),
      failed: counter(`${prefix}_failed_total`, `${what} that failed after their last attempt, by kind and channel.`, ['kind', 'channel']),
      suppressed: counter(
        `${prefix}_suppressed_total`,
        `${what} not sent on purpose, by reason (cancelled, rescheduled, opted_out, rate_limited, ...), kind and channel.`,
        ['reason', 'kind', 'channel'],
      ),
      pending: gauge(`${prefix}_pending`, `${what} recorded and not yet sent, failed or suppressed, by kind and channel.`, ['kind', 'channel']),
    }
    for (const kind of kinds)
      for (const channel of CHANNELS) {
        f.sent.inc({ kind, channel }, 0)
        f.failed.inc({ kind, channel }, 0)
        f.pending.set({ kind, channel }, 0)
        for (const reason of suppressionReasons(kind)) f.suppressed.inc({ reason, kind, channel }, 0)
      }
    return f
  }
  const reminders = families('reminder', 'Scheduled reminders (visit reminders, quote follow-ups, completion and verification nudges)', SCHEDULED_REMINDER_KINDS)
  const notifications = families('notification', 'Event notifications and Ops alerts (every kind that is not a scheduled reminder)', EVENT_KINDS)
  for (const r of s.reminders) {
    const f = isScheduledReminder(r.kind) ? reminders : notifications
    const labels = { kind: r.kind, channel: r.channel }
    if (r.status === 'sent') f.sent.inc(labels, r.count)
    else if (r.status === 'failed') f.failed.inc(labels, r.count)
    else if (r.status === 'suppressed') f.suppressed.inc({ ...labels, reason: r.reason || 'unknown' }, r.count)
    else if (r.status === 'pending') f.pending.inc(labels, r.count)
  }

  // The Ops console's KPIs, one gauge each under the KPI's key; payouts are below, labelled by status.
  for (const kpi of KPIS.filter((k) => k.collection === 'assignments')) gauge(kpi.key, `${kpi.label}: ${kpi.description}`).set(s.kpis[kpi.key])
  const payoutsIn = (status: string) => s.payouts.find((p) => p.status === status)?.count ?? 0
  const payoutPending = gauge('payout_pending', 'Payouts waiting: for Ops review (pending_review) or for capture (capture_pending).', ['status'])
  for (const status of ['pending_review', 'capture_pending']) payoutPending.set({ status }, payoutsIn(status))
  gauge('payouts_failed', 'Payouts whose capture failed and that Ops has not yet retried, approved or rejected (status failed).').set(
    payoutsIn('failed'),
  )
  const captureFailed = counter(
    'capture_failed_total',
    'Payment captures that ended failed, by kind (retryable: retries used up; not_capturable: the authorisation lapsed; fatal: Stripe refused), from the audit trail.',
    ['kind'],
  )
  for (const kind of STRIPE_FAILURE_KINDS) captureFailed.inc({ kind }, 0)
  for (const f of s.captureFailures) captureFailed.inc({ kind: f.kind }, f.count)

  const depth = gauge('jobs_queue_depth', 'Unfinished Payload jobs by queue and state (due, waiting, processing, errored).', ['queue', 'state'])
  for (const queue of s.watchedQueues) for (const state of QUEUE_STATES) depth.set({ queue, state }, 0)
  for (const q of s.queues) depth.set({ queue: q.queue, state: q.state }, q.count)

  gauge('worker_heartbeat_age_seconds', 'Seconds since the freshest worker heartbeat; +Inf when no worker ever beat.').set(
    s.worker.heartbeatAgeSeconds ?? Number.POSITIVE_INFINITY,
  )
  gauge('worker_alive', 'Workers whose heartbeat is fresher than 3 poll intervals.').set(s.worker.workersAlive)
  gauge('reminder_oldest_due_age_seconds', 'How long the longest-waiting due reminder or notification is past its time.').set(
    s.worker.oldestDueReminderAgeSeconds,
  )
  gauge(
    'reminder_oldest_pending_age_seconds',
    'How long the longest-waiting pending reminder or notification is past its scheduled time, retries waiting out their backoff included (an SMTP outage shows here).',
  ).set(s.worker.oldestPendingReminderAgeSeconds)

  // Webhooks: attempts from the append-only webhook_attempts table, so the counter and the histogram never go down.
  const w = s.webhooks
  const attempts = counter(
    'webhook_deliveries_total',
    'Webhook delivery attempts by result: delivered (2xx), http_error (any other status, redirects too), timeout, network_error, blocked (the host resolved to a private address).',
    ['result'],
  )
  for (const result of ATTEMPT_RESULTS) attempts.inc({ result }, 0)
  for (const a of w.attempts) attempts.inc({ result: a.result }, a.count)
  registry.registerMetric(
    histogramFrom('webhook_delivery_seconds', 'How long webhook delivery attempts took, until the receiver answered or the attempt failed.', w.latency),
  )
  gauge('webhook_deliveries_pending', 'Webhook deliveries waiting to be delivered to an enabled endpoint (due now or retrying later).').set(w.pending)
  gauge('webhook_oldest_pending_age_seconds', 'How long the oldest pending webhook delivery of an enabled endpoint has waited since it was queued.').set(
    w.oldestPendingAgeSeconds,
  )
  gauge('webhook_deliveries_dead', 'Webhook deliveries that ended failed (retries exhausted or endpoint disabled) and were not redelivered.').set(w.dead)
  const endpoints = gauge('webhook_endpoints', 'Webhook endpoints, by state (enabled or disabled).', ['state'])
  endpoints.set({ state: 'enabled' }, w.endpoints.enabled)
  endpoints.set({ state: 'disabled' }, w.endpoints.disabled)
  return registry
}

/**
 * A histogram whose buckets were counted in the database (prom-client's Histogram only observes values one by one):
 * the same exposition — cumulative `_bucket{le}`, `+Inf`, `_sum`, `_count`.
 */
function histogramFrom(name: string, help: string, h: MetricsSnapshot['webhooks']['latency']) {
  const values = [
    ...WEBHOOK_LATENCY_BUCKETS.map((le, i) => ({ metricName: `${name}_bucket`, labels: { le: String(le) }, value: h.buckets[i] })),
    { metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: h.count },
    { metricName: `${name}_sum`, labels: {}, value: h.sumSeconds },
    { metricName: `${name}_count`, labels: {}, value: h.count },
  ]
  const metric = { name, help, type: 'histogram' as const, aggregator: 'sum' as const, values }
  return { ...metric, get: async () => metric } as unknown as Parameters<Registry['registerMetric']>[0]
}
