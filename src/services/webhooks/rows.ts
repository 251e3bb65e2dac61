import { sql } from '@payloadcms/db-postgres'

import { type Db, date, num, str } from '../../db/sql'
import type { AttemptResult } from '../../domain/webhooks'

/** The SQL of a webhook round: the claim, the events it sends, and every outcome; each write guarded by the claim. */

export type ClaimedDelivery = {
  id: number
  eventId: number
  /** This attempt's number (counted when claimed: a worker killed mid-send has tried). */
  attempt: number
  queuedAt: Date
  url: string
}

/**
 * Takes up to `limit` due deliveries of one enabled endpoint under a lease: only the earliest pending version of each
 * record (a later version waits until the earlier one is delivered or dead), and among those the most-tried first, so
 * a failing endpoint is probed by the delivery already backing off rather than by each of its others in turn. The
 * UPDATE re-checks status and lease under the row lock, so two workers never hold the same delivery.
 */
export async function claimDeliveries(db: Db, endpointId: number, workerId: string, { limit, leaseMs }: { limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const { rows } = await db.execute(sql`
    WITH heads AS (
      SELECT DISTINCT ON (d.entity, d.entity_id) d.id, d.next_attempt_at, d.lease_until, d.attempts
      FROM webhook_deliveries d
      WHERE d.endpoint_id = ${endpointId} AND d.status = 'pending'
      ORDER BY d.entity, d.entity_id, d.entity_version),
    due AS (
      SELECT id FROM heads
      WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
      ORDER BY attempts DESC, next_attempt_at, id
      LIMIT ${limit})
    UPDATE webhook_deliveries d SET claimed_by = ${workerId}, lease_until = now() + ${leaseMs} * interval '1 millisecond',
      attempts = d.attempts + 1
    FROM due, webhook_endpoints e
    WHERE d.id = due.id AND e.id = d.endpoint_id AND e.enabled AND d.status = 'pending'
      AND (d.lease_until IS NULL OR d.lease_until < now())
    RETURNING d.id, d.event_id, d.attempts, d.queued_at, e.url`)
  return rows
    .map((r) => ({ id: num(r.id), eventId: num(r.event_id), attempt: num(r.attempts), queuedAt: date(r.queued_at)!, url: String(r.url) }))
    .sort((a, b) => a.id - b.id)
}

export type EventRow = { id: number; type: string; entity: string; occurredAt: Date; data: Record<string, unknown> }

export async function readEvents(db: Db, ids: number[]): Promise<Map<number, EventRow>> {
  const { rows } = await db.execute(sql`SELECT id, type, entity, occurred_at, data FROM events WHERE id = ANY(${sql.param(ids)}::int[])`)
  return new Map(
    rows.map((r) => [
      num(r.id),
      { id: num(r.id), type: String(r.type), entity: String(r.entity), occurredAt: date(r.occurred_at)!, data: (r.data ?? {}) as Record<string, unknown> },
    ]),
  )
}

export type Outcome = {
  delivery: ClaimedDelivery
  result: AttemptResult
  status: number | null
  latencyMs: number
  error: string | null
  startedAt: Date
  /** What the delivery becomes: delivered, retried at `retryAt`, or dead. */
  next: { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'dead'; reason: string }
}

const ids = (list: Outcome[]) => sql.param(list.map((o) => o.delivery.id))
const texts = (list: Outcome[], pick: (o: Outcome) => string | null) => sql.param(list.map(pick))

/**
 * Records a round in the caller's transaction: each delivery's new state (only where this worker still holds it — a
 * claim that expired under a slow send belongs to whoever took it over), one webhook_attempts row per attempt made
 * (append-only: what /api/metrics counts), and the endpoint's run of failures and last success.
 */
export async function recordRound(
  tx: Db,
  endpointId: number,
  workerId: string,
  outcomes: Outcome[],
  failureRun: { reset: boolean; count: number },
): Promise<{ consecutiveFailures: number; lastDeliveredAt: Date | null }> {
  if (outcomes.length) {
    const common = sql`
      FROM unnest(${ids(outcomes)}::int[], ${texts(outcomes, (o) => o.next.kind)}::text[], ${texts(outcomes, (o) => (o.next.kind === 'retry' ? o.next.at.toISOString() : null))}::timestamptz[],
        ${sql.param(outcomes.map((o) => o.status))}::int[], ${sql.param(outcomes.map((o) => o.latencyMs))}::int[],
        ${texts(outcomes, (o) => (o.next.kind === 'dead' ? `${o.error ?? 'failed'} — gave up: ${o.next.reason}` : o.error))}::text[],
        ${texts(outcomes, (o) => o.startedAt.toISOString())}::timestamptz[]) AS v(id, next, retry_at, status, latency, error, started)`
    await tx.execute(sql`
      UPDATE webhook_deliveries d SET
        status = (CASE v.next WHEN 'retry' THEN 'pending' ELSE v.next END)::enum_webhook_deliveries_status,
        delivered_at = CASE WHEN v.next = 'delivered' THEN now() ELSE d.delivered_at END,
        next_attempt_at = coalesce(v.retry_at, d.next_attempt_at),
        last_attempt_at = v.started, response_status = v.status, latency_ms = v.latency, error = v.error,
        lease_until = NULL, updated_at = now()
      ${common}
      WHERE d.id = v.id AND d.claimed_by = ${workerId} AND d.status = 'pending'`)
    await tx.execute(sql`
      INSERT INTO webhook_attempts (delivery_id, endpoint_id, event_id, attempt, result, status_code, latency_ms, error, started_at)
      SELECT v.id, ${endpointId}, v.event_id, v.attempt, v.result, v.status, v.latency, v.error, v.started
      FROM unnest(${ids(outcomes)}::int[], ${sql.param(outcomes.map((o) => o.delivery.eventId))}::int[], ${sql.param(outcomes.map((o) => o.delivery.attempt))}::int[],
        ${texts(outcomes, (o) => o.result)}::text[], ${sql.param(outcomes.map((o) => o.status))}::int[], ${sql.param(outcomes.map((o) => o.latencyMs))}::int[],
        ${texts(outcomes, (o) => o.error)}::text[], ${texts(outcomes, (o) => o.startedAt.toISOString())}::timestamptz[])
        AS v(id, event_id, attempt, result, status, latency, error, started)`)
  }
  const anyDelivered = outcomes.some((o) => o.result === 'delivered')
  const { rows } = await tx.execute(sql`
    UPDATE webhook_endpoints SET
      consecutive_failures = CASE WHEN ${failureRun.reset} THEN ${failureRun.count} ELSE coalesce(consecutive_failures, 0) + ${failureRun.count} END,
      last_delivered_at = CASE WHEN ${anyDelivered} THEN now() ELSE last_delivered_at END
    WHERE id = ${endpointId}
    RETURNING consecutive_failures, last_delivered_at`)
  return { consecutiveFailures: num(rows[0]?.consecutive_failures), lastDeliveredAt: date(rows[0]?.last_delivered_at) }
}

/**
 * Hands claimed deliveries back unsent (the round stopped early): unclaimed, their attempt uncounted, and when the
 * round stopped because the endpoint is failing, not due before `holdUntil` — they wait with the delivery that failed.
 */
export async function releaseDeliveries(db: Db, deliveryIds: number[], workerId: string, holdUntil: Date | null): Promise<void> {
  if (!deliveryIds.length) return
  await db.execute(sql`
    UPDATE webhook_deliveries SET claimed_by = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0),
      next_attempt_at = greatest(next_attempt_at, coalesce(${holdUntil?.toISOString() ?? null}::timestamptz, next_attempt_at))
    WHERE id = ANY(${sql.param(deliveryIds)}::int[]) AND claimed_by = ${workerId} AND status = 'pending'`)
}

/**
 * Turns an endpoint off (once: only the caller that flips `enabled` gets true) and ends its pending deliveries `dead`
 * with the reason, so "redeliver failed" brings them all back once the receiver works.
 */
export async function disableEndpoint(tx: Db, endpointId: number, reason: string): Promise<{ url: string; ended: number } | null> {
  const { rows } = await tx.execute(sql`
    UPDATE webhook_endpoints SET enabled = false, disabled_reason = ${reason}, disabled_at = now(), updated_at = now()
    WHERE id = ${endpointId} AND enabled RETURNING url`)
  if (!rows[0]) return null
  const { rows: ended } = await tx.execute(sql`
    UPDATE webhook_deliveries SET status = 'dead', lease_until = NULL, updated_at = now(),
      error = coalesce(error || ' — ', '') || ${`endpoint disabled: ${reason}`}
    WHERE endpoint_id = ${endpointId} AND status = 'pending' RETURNING id`)
  return { url: String(str(rows[0].url)), ended: ended.length }
}
