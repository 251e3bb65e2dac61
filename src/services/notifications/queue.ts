import { sql } from '@payloadcms/db-postgres'

import type { Db } from '../../db/sql'

/**
 * The Payload queue that carries deliveries: `default`, like every other task of the app, so whatever runs the app's
 * jobs (`npm run worker`, or `payload.jobs.run()` in a test) delivers notifications too.
 */
export const NOTIFICATIONS_QUEUE = 'default'
export const SEND_NOTIFICATION_TASK = 'sendNotification'
/** The scan's batches of due reminders. */
export const DELIVER_REMINDERS_TASK = 'deliverReminders'

export type Delivery = {
  logId: number
  /** Not before this instant (Payload's waitUntil); now when unset. */
  waitUntil?: Date | null
}

const BATCH = 500

/**
 * Queues `sendNotification` jobs in the caller's transaction (or on the pool), many in one statement. The rows are the
 * ones `payload.jobs.queue` writes; a bulk INSERT keeps a scan that dispatches thousands of reminders to one round
 * trip per 500. A job is only a wake-up call: the reminder-log row decides whether anything is sent.
 */
export async function queueDeliveries(db: Db, deliveries: Delivery[]): Promise<void> {
  for (let i = 0; i < deliveries.length; i += BATCH) {
    const values = deliveries.slice(i, i + BATCH).map((d) => {
      const input = JSON.stringify({ logId: d.logId })
      return sql`(${input}::jsonb, ${SEND_NOTIFICATION_TASK}::enum_payload_jobs_task_slug, ${NOTIFICATIONS_QUEUE},
        ${d.waitUntil ? d.waitUntil.toISOString() : null}::timestamptz, false, 0, false)`
    })
    await db.execute(sql`
      INSERT INTO payload_jobs (input, task_slug, queue, wait_until, processing, total_tried, has_error)
      VALUES ${sql.join(values, sql`, `)}`)
  }
}
