import { Counter, Gauge, Registry } from 'prom-client'

import { KPIS } from '../domain/kpis'
import type { MetricsSnapshot } from './snapshot'

/**
 * A fresh prom-client registry filled from one database snapshot. The `_total` series are counters derived from
 * reminder-log rows: they only go down if Ops delete logs, which Prometheus reads as a counter reset.
 */
export function registryFrom(s: MetricsSnapshot): Registry {
  const registry = new Registry()
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] })
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] })

  const sent = counter('reminder_sent_total', 'Notifications sent, by kind and channel.', ['kind', 'channel'])
  const failed = counter('reminder_failed_total', 'Notifications that failed after their last retry, by kind and channel.', ['kind', 'channel'])
  const suppressed = counter(
    'reminder_suppressed_total',
    'Notifications not sent on purpose, by reason (cancelled, rescheduled, opted_out, rate_limited, quiet_hours, ...).',
    ['reason', 'kind', 'channel'],
  )
  const pending = gauge('reminder_pending', 'Notifications recorded and not yet sent, failed or suppressed, by kind and channel.', ['kind', 'channel'])
  for (const r of s.reminders) {
    if (r.status === 'sent') sent.inc({ kind: r.kind, channel: r.channel }, r.count)
    else if (r.status === 'failed') failed.inc({ kind: r.kind, channel: r.channel }, r.count)
    else if (r.status === 'suppressed') suppressed.inc({ reason: r.reason || 'unknown', kind: r.kind, channel: r.channel }, r.count)
    else if (r.status === 'pending') pending.inc({ kind: r.kind, channel: r.channel }, r.count)
  }

  // The Ops console's KPIs, one gauge each under the KPI's key; payouts are below, labelled by status.
  for (const kpi of KPIS.filter((k) => k.collection === 'assignments')) gauge(kpi.key, `${kpi.label}: ${kpi.description}`).set(s.kpis[kpi.key])
  const payoutPending = gauge('payout_pending', 'Payouts waiting: for Ops review (pending_review) or for capture (capture_pending).', ['status'])
  for (const status of ['pending_review', 'capture_pending']) {
    payoutPending.set({ status }, s.payouts.find((p) => p.status === status)?.count ?? 0)
  }
  counter('capture_failed_total', 'Payouts whose payment capture failed (status failed).').inc(
    s.payouts.find((p) => p.status === 'failed')?.count ?? 0,
  )

  const depth = gauge('jobs_queue_depth', 'Unfinished Payload jobs by queue and state (due, waiting, processing, errored).', ['queue', 'state'])
  for (const q of s.queues) depth.set({ queue: q.queue, state: q.state }, q.count)

  gauge('worker_heartbeat_age_seconds', 'Seconds since the freshest worker heartbeat; +Inf when no worker ever beat.').set(
    s.worker.heartbeatAgeSeconds ?? Number.POSITIVE_INFINITY,
  )
  gauge('worker_alive', 'Workers whose heartbeat is fresher than 3 poll intervals.').set(s.worker.workersAlive)
  gauge('reminder_oldest_due_age_seconds', 'How long the longest-waiting due reminder is past its time.').set(
    s.worker.oldestDueReminderAgeSeconds,
  )
  return registry
}
