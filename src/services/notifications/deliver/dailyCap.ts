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
  // Reached from the batch's jobs (their assignments and quotes), so the count reads only those jobs' reminders however
  // many a recipient has elsewhere; a row with an assignment belongs to that assignment's job.
  const jobIds = [...new Set(guarded.map((c) => c.facts.jobId!))]
  const { rows } = await tx.execute(sql`
    WITH jobs_reminders AS (
      SELECT a.job_id, l.id, l.recipient_id, l.channel, l.kind, l.status, l.sent_at, l.lease_until, l.attempts
      FROM assignments a JOIN reminder_logs l ON l.assignment_id = a.id
      WHERE a.job_id = ANY(${sql.param(jobIds)}::int[])
      UNION ALL
      SELECT q.job_id, l.id, l.recipient_id, l.channel, l.kind, l.status, l.sent_at, l.lease_until, l.attempts
      FROM quotes q JOIN reminder_logs l ON l.quote_id = q.id AND l.assignment_id IS NULL
      WHERE q.job_id = ANY(${sql.param(jobIds)}::int[]))
    SELECT job_id, recipient_id, channel, count(*)::int AS n FROM jobs_reminders l
    WHERE l.recipient_id = ANY(${sql.param([...new Set(guarded.map((c) => c.facts.recipientId!))])}::int[])
      AND l.kind = ANY(${sql.param([...SCHEDULED_REMINDER_KINDS])}::text[])
      AND NOT (l.id = ANY(${sql.param(guarded.map((c) => c.claimed.id))}::int[]))
      AND ((l.status = 'sent' AND l.sent_at > now() - interval '24 hours')
        OR (l.status = 'pending' AND l.lease_until > now() AND l.attempts > 0))
    GROUP BY 1, 2, 3`)
  const already = new Map(rows.map((r) => [capKey(num(r.job_id), num(r.recipient_id), String(r.channel)), num(r.n)]))
  return allotDailyCap(
    guarded.map((c) => ({ id: c.claimed.id, key: capKey(c.facts.jobId!, c.facts.recipientId!, c.claimed.channel) })),
    already,
    max,
  )
}
