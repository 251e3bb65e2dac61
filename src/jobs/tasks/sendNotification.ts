import type { TaskConfig } from 'payload'

import { env } from '../../env'
import { deliverNotification } from '../../services/notifications'
import { workerIdentity } from '../identity'

/**
 * Delivers one recorded notification (see deliverNotification). The job is only a wake-up call: the reminder-log row's
 * atomic claim decides whether anything is sent, so a job run twice — two workers, a crash, a swept job — sends once.
 * Send failures are handled inside (a retry is a new job at the backoff instant); the task's own retries only cover
 * failing to reach the database, and a repeat is safe for the same reason.
 */
export const sendNotificationTask: TaskConfig<'sendNotification'> = {
  slug: 'sendNotification',
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
  inputSchema: [{ name: 'logId', type: 'number', required: true }],
  handler: async ({ input, req }) => {
    const config = env()
    await deliverNotification(req.payload, input.logId, {
      settings: config.reminders,
      workerId: workerIdentity().id,
      appUrl: config.serverUrl,
    })
    return { output: {} }
  },
}
