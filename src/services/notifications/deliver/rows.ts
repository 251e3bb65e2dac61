import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { nextAttemptAt, shouldRetry } from '../../../domain/backoff'
import type { SuppressionReason } from '../../../domain/suppressions'
import { isNotificationKind, type NotificationKind } from '../../../templates'
import { type Db, dbOf, inDbTransaction, num, str } from '../../../db/sql'
import { isScheduledReminder } from '../kinds'
import { logLine } from '../log'
import { queueDeliveries } from '../queue'
import type { Claimed, DeliveryOptions, DeliveryOutcome, Sent, ToSend } from './types'

/** The SQL of a delivery's claim and of every outcome it records; each write is guarded by the claim holder. */

/**
 * "Still pending", written so that no index on status can serve it: every statement here starts from a short list of
 * ids, and the primary key is always the right path. Compared as the enum, the planner — whose statistics lag a burst
 * of thousands of new pending rows — chose the partial `pending` indexes and read every pending row for each group of
 * 25 (measured: 0.77 ms of Postgres time per reminder, more than half of all of it).
 */
const PENDING = sql`l.status::text = 'pending'`

/** Takes the rows that are pending, due and not held by a live claim; skips those someone else has or that are done. */
export async function claim(tx: Db, logIds: number[], workerId: string, leaseMs: number): Promise<Claimed[]> {
  if (!logIds.length) return []
  // By primary key from the id list, the status compared as text (PENDING): with statistics a burst has made stale, the
  // planner would otherwise walk every pending row through a partial index on status for each batch (and joined to
  // unnest(ids) it hashed the whole table: 26 ms a batch of 250).
  const { rows } = await tx.execute(sql`
    UPDATE reminder_logs l SET claimed_by = ${workerId}, lease_until = now() + ${leaseMs} * interval '1 millisecond'
    WHERE l.id = ANY(${sql.param(logIds)}::int[]) AND ${PENDING}
      AND (l.next_attempt_at IS NULL OR l.next_attempt_at <= now() + interval '1 second')
      AND (l.lease_until IS NULL OR l.lease_until < now())
    RETURNING ${CLAIMED_COLUMNS}`)
  return toClaimed(rows)
}

const CLAIMED_COLUMNS = sql`l.id, l.kind, l.channel, l.dedupe_key, l.assignment_id, l.quote_id, l.subject, l.body, l.ics, l.ics_method`

/** The rows as a claim answers them, untouched: what the history re-renders a sent reminder from. */
export async function readLogs(db: Db, logIds: number[]): Promise<Claimed[]> {
  const { rows } = await db.execute(sql`SELECT ${CLAIMED_COLUMNS} FROM reminder_logs l WHERE l.id = ANY(${sql.param(logIds)}::int[])`)
  return toClaimed(rows)
}

function toClaimed(rows: Record<string, unknown>[]): Claimed[] {
  return rows
    .filter((r) => isNotificationKind(r.kind))
    .map((r): Claimed => ({
      id: num(r.id),
      kind: r.kind as NotificationKind,
      channel: r.channel === 'sms' ? 'sms' : 'email',
      dedupeKey: String(r.dedupe_key),
      assignmentId: r.assignment_id == null ? null : num(r.assignment_id),
      quoteId: r.quote_id == null ? null : num(r.quote_id),
      subject: str(r.subject),
      body: str(r.body),
      ics: str(r.ics),
      icsMethod: str(r.ics_method),
    }))
    .sort((a, b) => a.id - b.id)
}

export async function suppress(tx: Db, rows: { id: number; reason: SuppressionReason }[], workerId: string) {
  if (!rows.length) return
  await tx.execute(sql`
    UPDATE reminder_logs l SET status = 'suppressed', reason = v.reason, lease_until = NULL, updated_at = now()
    FROM unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(rows.map((r) => r.reason))}::text[]) AS v(id, reason)
    WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
}

/** Quiet hours: the row waits, unclaimed, with a job queued for the instant it may go. */
export async function defer(tx: Db, rows: { id: number; until: Date }[], workerId: string) {
  if (!rows.length) return
  await tx.execute(sql`
    UPDATE reminder_logs l SET next_attempt_at = v.until, reason = 'quiet_hours', claimed_by = NULL, lease_until = NULL
    FROM unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(rows.map((r) => r.until.toISOString()))}::timestamptz[]) AS v(id, until)
    WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
  await queueDeliveries(tx, rows.map((r) => ({ logId: r.id, waitUntil: r.until })))
}

/**
 * One round trip per group: records the previous group's messages as sent (and on their assignments when the worker
 * last reminded or nudged), and counts an attempt for each row of the next group still held, just before it goes out.
 * Answers the next group's new attempt numbers.
 */
export async function recordSentAndCountAttempts(db: Db, sent: Sent[], next: ToSend[], workerId: string): Promise<Map<number, number>> {
  const { rows } = await db.execute(sql`
    WITH ${sentWrites(sent, workerId)},
    attempt AS (
      UPDATE reminder_logs l SET attempts = coalesce(l.attempts, 0) + 1, recipient_address = v.address
      FROM unnest(${sql.param(next.map((t) => t.claimed.id))}::int[], ${sql.param(next.map((t) => t.address))}::text[]) AS v(id, address)
      WHERE l.id = v.id AND l.claimed_by = ${workerId} AND ${PENDING}
      RETURNING l.id, l.attempts)
    SELECT id, attempts FROM attempt`)
  return new Map(rows.map((r) => [num(r.id), num(r.attempts)]))
}

/** Records the last group's sent messages on their own. */
export async function recordSent(db: Db, sent: Sent[], workerId: string) {
  if (sent.length) await db.execute(sql`WITH ${sentWrites(sent, workerId)} SELECT 1`)
}

/**
 * The CTEs that mark `sent` rows sent — written even if a cancellation suppressed the row meanwhile: it did go out, and
 * the log tells the truth — and stamp their assignments' last reminder (and nudge) time. The text is not written: an
 * event's message was recorded with it, and a routine reminder's is rendered again when its log is opened
 * (../history.ts); storing ~1 KB per reminder was a quarter of this statement's cost.
 */
function sentWrites(sent: Sent[], workerId: string) {
  const reminded = sent.filter((s) => s.t.claimed.assignmentId && isScheduledReminder(s.t.claimed.kind))
  return sql`
    sent AS (
      UPDATE reminder_logs l SET status = 'sent', sent_at = now(),
        error = NULL, reason = NULL, lease_until = NULL, updated_at = now()
      WHERE l.id = ANY(${sql.param(sent.map((s) => s.t.claimed.id))}::int[]) AND l.claimed_by = ${workerId}
      RETURNING l.id),
    reminded AS (
      UPDATE assignments a SET reminders_last_reminder_at = now(),
        reminders_completion_nudged_at = CASE WHEN v.kind = 'completion_nudge' THEN now() ELSE a.reminders_completion_nudged_at END,
        reminders_verification_nudged_at = CASE WHEN v.kind = 'verification_nudge' THEN now() ELSE a.reminders_verification_nudged_at END
      FROM (SELECT DISTINCT ON (id) id, kind
        FROM unnest(${sql.param(reminded.map((s) => s.t.claimed.assignmentId!))}::int[], ${sql.param(reminded.map((s) => s.t.claimed.kind))}::text[]) AS u(id, kind)
        ORDER BY id, kind) AS v
      WHERE a.id = v.id
      RETURNING a.id)`
}

/**
 * Hands rows back unsent (the send deadline passed): unclaimed and, when their attempt was already counted,
 * uncounted, so the next dispatch queues them again as if nothing happened.
 */
export async function release(db: Db, ids: number[], workerId: string, uncount: boolean) {
  if (!ids.length) return
  await db.execute(sql`
    UPDATE reminder_logs l SET claimed_by = NULL, lease_until = NULL,
      attempts = CASE WHEN ${uncount} THEN greatest(coalesce(l.attempts, 1) - 1, 0) ELSE l.attempts END
    FROM unnest(${sql.param(ids)}::int[]) AS v(id)
    WHERE l.id = v.id AND l.claimed_by = ${workerId} AND ${PENDING}`)
}

/** Failed sends: retried with exponential backoff (a new job at the next attempt) or, out of attempts, `failed`. */
export async function recordFailures(
  payload: Payload,
  failures: { t: ToSend; error: string }[],
  attempts: Map<number, number>,
  opts: DeliveryOptions,
): Promise<Map<number, DeliveryOutcome>> {
  const outcomes = new Map<number, DeliveryOutcome>()
  if (!failures.length) return outcomes
  const { settings, workerId } = opts
  const retries = failures
    .filter((f) => shouldRetry(attempts.get(f.t.claimed.id)!, settings.maxAttempts))
    .map((f) => ({ ...f, next: nextAttemptAt(new Date(), attempts.get(f.t.claimed.id)!, { baseMs: settings.retryBaseMs }) }))
  const retried = new Set(retries.map((r) => r.t.claimed.id))
  const failed = failures.filter((f) => !retried.has(f.t.claimed.id))
  if (retries.length) {
    await inDbTransaction(payload, async (tx) => {
      await tx.execute(sql`
        UPDATE reminder_logs l SET error = v.error, next_attempt_at = v.next, claimed_by = NULL, lease_until = NULL
        FROM unnest(${sql.param(retries.map((r) => r.t.claimed.id))}::int[], ${sql.param(retries.map((r) => r.error))}::text[],
          ${sql.param(retries.map((r) => r.next.toISOString()))}::timestamptz[]) AS v(id, error, next)
        WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
      await queueDeliveries(tx, retries.map((r) => ({ logId: r.t.claimed.id, waitUntil: r.next })))
    })
  }
  if (failed.length) {
    await dbOf(payload).execute(sql`
      UPDATE reminder_logs l SET status = 'failed', error = v.error, lease_until = NULL, updated_at = now()
      FROM unnest(${sql.param(failed.map((f) => f.t.claimed.id))}::int[], ${sql.param(failed.map((f) => f.error))}::text[]) AS v(id, error)
      WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
  }
  for (const r of retries) {
    const n = attempts.get(r.t.claimed.id)!
    outcomes.set(r.t.claimed.id, { outcome: 'retry', attempts: n, nextAttemptAt: r.next, error: r.error })
    logLine('warn', 'notification.retry', { logId: r.t.claimed.id, kind: r.t.claimed.kind, channel: r.t.claimed.channel, attempts: n, nextAttemptAt: r.next, error: r.error })
  }
  for (const f of failed) {
    const n = attempts.get(f.t.claimed.id)!
    outcomes.set(f.t.claimed.id, { outcome: 'failed', attempts: n, error: f.error })
    logLine('error', 'notification.failed', { logId: f.t.claimed.id, kind: f.t.claimed.kind, channel: f.t.claimed.channel, attempts: n, error: f.error })
  }
  return outcomes
}
