import type { TaskConfig } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { sqlOf } from '../../services/actions/transaction'

const LEASE_MS = 5 * 60_000

/**
 * Delivers one recorded notification. The queue may run a job twice (two workers, a crash mid-run), so the send is
 * guarded by an atomic claim on the log row: only the worker whose UPDATE ... WHERE status = 'pending' wins sends,
 * and a log already `sent` is never sent again.
 */
export const sendNotificationTask: TaskConfig<'sendNotification'> = {
  slug: 'sendNotification',
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
  inputSchema: [
    { name: 'logId', type: 'number', required: true },
    { name: 'icsMethod', type: 'text' },
    { name: 'ics', type: 'textarea' },
  ],
  handler: async ({ input, req }) => {
    const db = await sqlOf(req)
    const workerId = `${process.pid}`
    const claimed = await db.execute(sql`
      UPDATE reminder_logs SET claimed_by = ${workerId}, lease_until = now() + ${`${LEASE_MS} milliseconds`}::interval,
        attempts = coalesce(attempts, 0) + 1
      WHERE id = ${input.logId} AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
      RETURNING id, recipient_address, subject, body, attempts`)
    const row = claimed.rows[0]
    if (!row) return { output: {} } // sent, suppressed, or another worker holds it
    try {
      await req.payload.sendEmail({
        to: String(row.recipient_address),
        subject: String(row.subject ?? ''),
        text: String(row.body ?? ''),
        attachments: input.ics
          ? [{ filename: 'invite.ics', content: input.ics, contentType: `text/calendar; charset=utf-8; method=${input.icsMethod ?? 'REQUEST'}` }]
          : undefined,
      })
      await db.execute(sql`UPDATE reminder_logs SET status = 'sent', sent_at = now(), error = NULL, lease_until = NULL WHERE id = ${input.logId}`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const final = Number(row.attempts) >= 5
      await db.execute(sql`
        UPDATE reminder_logs SET error = ${message}, lease_until = NULL, status = ${final ? 'failed' : 'pending'}
        WHERE id = ${input.logId}`)
      if (!final) throw error
    }
    return { output: {} }
  },
}
