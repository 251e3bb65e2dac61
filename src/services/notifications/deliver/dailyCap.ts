import { sql } from '@payloadcms/db-postgres'

import { type Db, num } from '../../../db/sql'
import { allotDailyCap, capKey } from '../decide'
import { isScheduledReminder, SCHEDULED_REMINDER_KINDS } from '../kinds'
import type { ToSend } from './types'

/**
 * The reminders of this batch that would take a job and recipient past REMINDER_MAX_PER_JOB_PER_DAY on a channel in
 * the last 24 hours, counting ones other workers are sending right now. The advisory locks (held to commit, taken in
 * sorted order) make count-then-take atomic across workers.
 */
export async function overDailyCap(tx: Db, candidates: ToSend[], max: number): Promise<number[]> {
  const guarded = candidates.filter((c) => isScheduledReminder(c.claimed.kind) && c.facts.jobId !== null && c.facts.recipientId !== null)
  if (!guarded.length) return []
  const keys = [...new Set(guarded.map((c) => capKey(c.facts.jobId!, c.facts.recipientId!, c.claimed.channel)))].sort()
  await tx.execute(sql`
    SELECT count(pg_advisory_xact_lock(hashtext(k)))
    FROM (SELECT 'reminder-cap:' || k AS k FROM unnest(${sql.param(keys)}::text[]) AS k ORDER BY 1) AS sorted`)
  // Reached from the batch's jobs, each by its own index lookups (the LATERAL … OFFSET 0 subqueries are run per job,
  // never flattened into a join the planner may hash), so the count reads only those jobs' reminders however many a
  // recipient has elsewhere; a row with an assignment belongs to that assignment's job. Left to plan freely, with
  // statistics a burst made stale, it started from every sent and pending row (20–45 ms a batch of 250).
  const jobIds = [...new Set(guarded.map((c) => c.facts.jobId!))]
  const { rows } = await tx.execute(sql`
    WITH batch_jobs AS (SELECT id FROM unnest(${sql.param(jobIds)}::int[]) AS j(id)),
    jobs_reminders AS (
      SELECT a.job_id, l.* FROM batch_jobs j
        JOIN LATERAL (SELECT id, job_id FROM assignments WHERE job_id = j.id OFFSET 0) a ON true
        JOIN LATERAL (SELECT id, recipient_id, channel, kind, status, sent_at, lease_until, attempts
          FROM reminder_logs WHERE assignment_id = a.id OFFSET 0) l ON true
      UNION ALL
      SELECT q.job_id, l.* FROM batch_jobs j
        JOIN LATERAL (SELECT id, job_id FROM quotes WHERE job_id = j.id OFFSET 0) q ON true
        JOIN LATERAL (SELECT id, recipient_id, channel, kind, status, sent_at, lease_until, attempts
          FROM reminder_logs WHERE quote_id = q.id AND assignment_id IS NULL OFFSET 0) l ON true)
    SELECT job_id, recipient_id, channel, count(*)::int AS n FROM jobs_reminders l
    WHERE l.recipient_id = ANY(${sql.param([...new Set(guarded.map((c) => c.facts.recipientId!))])}::int[])
      AND l.kind = ANY(${sql.param([...SCHEDULED_REMINDER_KINDS])}::text[])
      AND NOT (l.id = ANY(${sql.param(guarded.map((c) => c.claimed.id))}::int[]))
      AND ((l.status::text = 'sent' AND l.sent_at > now() - interval '24 hours')
        OR (l.status::text = 'pending' AND l.lease_until > now() AND l.attempts > 0))
    GROUP BY 1, 2, 3`)
  const already = new Map(rows.map((r) => [capKey(num(r.job_id), num(r.recipient_id), String(r.channel)), num(r.n)]))
  return allotDailyCap(
    guarded.map((c) => ({ id: c.claimed.id, key: capKey(c.facts.jobId!, c.facts.recipientId!, c.claimed.channel) })),
    already,
    max,
  )
}
