import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { ReminderSettings } from '../../domain/reminderSettings'
import { dbOf, inDbTransaction } from '../../services/notifications/db'
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_TASK } from '../../services/notifications/queue'

const BATCH = 1000
const MAX_BATCHES = 20

/**
 * Queues a `sendNotification` job for every pending reminder due within the lookahead that has no live job: new
 * rows from the planners, and rows whose job was lost (a crash between recording and queueing cannot happen — both
 * commit together — but a job can end in error, or be removed by hand). One set-based INSERT … SELECT per batch;
 * dispatchers of several workers take turns on an advisory lock, so none queues a row another just queued.
 */
export async function dispatchDue(payload: Payload, s: ReminderSettings): Promise<number> {
  let total = 0
  for (let i = 0; i < MAX_BATCHES; i++) {
    const queued = await inDbTransaction(payload, async (tx) => {
      const { rows } = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext('jobline:reminder-dispatch')) AS ok`)
      if (!rows[0]?.ok) return -1
      const { rowCount } = await tx.execute(sql`
        INSERT INTO payload_jobs (input, task_slug, queue, wait_until, processing, total_tried, has_error)
        SELECT jsonb_build_object('logId', l.id, 'icsMethod', NULL, 'ics', NULL),
          ${SEND_NOTIFICATION_TASK}::enum_payload_jobs_task_slug, ${NOTIFICATIONS_QUEUE},
          CASE WHEN l.next_attempt_at > now() THEN l.next_attempt_at END, false, 0, false
        FROM reminder_logs l
        WHERE l.status = 'pending' AND l.next_attempt_at <= now() + ${s.lookaheadMinutes} * interval '1 minute'
          AND (l.lease_until IS NULL OR l.lease_until < now())
          AND NOT EXISTS (SELECT 1 FROM payload_jobs j
            WHERE j.completed_at IS NULL AND j.has_error IS NOT TRUE AND (j.input ->> 'logId') = l.id::text)
        ORDER BY l.next_attempt_at
        LIMIT ${BATCH}`)
      return rowCount ?? 0
    })
    if (queued < 0) break // another worker is dispatching right now; the next scan catches up
    total += queued
    if (queued < BATCH) break
  }
  return total
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
