import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { ReminderSettings } from '../../domain/reminderSettings'
import { dbOf, inDbTransaction } from '../../db/sql'
import { DELIVER_REMINDERS_TASK, NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_TASK } from '../../services/notifications/queue'

/** Most reminders one dispatch pass queues; the rest wait for the next scan, oldest first. */
const MAX_PER_PASS = 20_000
/** Reminders due later are grouped into buckets this long; a bucket's job waits until the bucket's end. */
const BUCKET_SECONDS = 15

/**
 * Queues delivery of every pending reminder due within the lookahead that has no live job: new rows from the planners,
 * and rows whose job was lost (a crash between recording and queueing cannot happen — both commit together — but a
 * job can end in error, or be removed by hand, or a batch may hand rows back). Rows are queued in batches of
 * REMINDER_BATCH_SIZE, one `deliverReminders` job each: those already due at once, those due later grouped in
 * BUCKET_SECONDS buckets whose job waits until the bucket ends (so a reminder goes out at most that much after its due
 * instant, never before). One set-based INSERT … SELECT; dispatchers of several workers take turns on an advisory
 * lock, so none queues a row another just queued.
 */
export async function dispatchDue(payload: Payload, s: ReminderSettings): Promise<number> {
  return inDbTransaction(payload, async (tx) => {
    const { rows } = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext('jobline:reminder-dispatch')) AS ok`)
    if (!rows[0]?.ok) return 0 // another worker is dispatching right now; the next scan catches up
    const { rows: queued } = await tx.execute(sql`
      WITH live AS (
        SELECT (jsonb_array_elements_text(j.input -> 'logIds'))::int AS id FROM payload_jobs j
        WHERE j.completed_at IS NULL AND j.has_error IS NOT TRUE AND j.task_slug = ${DELIVER_REMINDERS_TASK}
        UNION ALL
        SELECT (j.input ->> 'logId')::int FROM payload_jobs j
        WHERE j.completed_at IS NULL AND j.has_error IS NOT TRUE AND j.task_slug = ${SEND_NOTIFICATION_TASK}),
      due AS (
        SELECT l.id, CASE WHEN l.next_attempt_at > now()
          THEN to_timestamp(ceil(extract(epoch FROM l.next_attempt_at) / ${BUCKET_SECONDS}) * ${BUCKET_SECONDS}) END AS bucket
        FROM reminder_logs l
        WHERE l.status = 'pending' AND l.next_attempt_at <= now() + ${s.lookaheadMinutes} * interval '1 minute'
          AND (l.lease_until IS NULL OR l.lease_until < now())
          AND l.id NOT IN (SELECT id FROM live WHERE id IS NOT NULL)
        ORDER BY l.next_attempt_at
        LIMIT ${MAX_PER_PASS}),
      chunked AS (
        SELECT id, bucket, (row_number() OVER (PARTITION BY bucket ORDER BY id) - 1) / ${s.batchSize} AS chunk FROM due)
      INSERT INTO payload_jobs (input, task_slug, queue, wait_until, processing, total_tried, has_error)
      SELECT jsonb_build_object('logIds', jsonb_agg(id ORDER BY id)), ${DELIVER_REMINDERS_TASK}::enum_payload_jobs_task_slug,
        ${NOTIFICATIONS_QUEUE}, bucket, false, 0, false
      FROM chunked GROUP BY bucket, chunk
      RETURNING jsonb_array_length(input -> 'logIds') AS n`)
    return queued.reduce((sum, r) => sum + Number(r.n), 0)
  })
}

/**
 * Jobs left `processing` longer than the lease belong to a worker that died mid-run (Payload 3 never releases them):
 * put them back so any worker runs them again. Safe because the reminder-log claim makes a second run send nothing
 * that was already sent.
 */
export async function sweepStuckJobs(payload: Payload, { queues, leaseMs }: { queues: readonly string[]; leaseMs: number }): Promise<number> {
  const { rows } = await dbOf(payload).execute(sql`
    UPDATE payload_jobs SET processing = false, updated_at = now()
    WHERE processing = true AND completed_at IS NULL AND queue = ANY(${sql.param([...queues])}::text[])
      AND updated_at < now() - ${leaseMs} * interval '1 millisecond'
    RETURNING id`)
  return rows.length
}
