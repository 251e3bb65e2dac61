import type { TaskConfig } from 'payload'

import { env } from '../../env'
import { deliverNotifications } from '../../services/notifications'
import { workerIdentity } from '../identity'

/**
 * Delivers a batch of recorded notifications that the scan found due (see deliverNotifications): one claim, one read of
 * what is true now, one render pass and grouped outcome writes for up to REMINDER_BATCH_SIZE rows, instead of a job
 * run per reminder. The job is only a wake-up call: the rows' atomic claim decides what is sent, so a batch run twice
 * (two workers, a crash, a swept job) sends each reminder once. Rows it could not take are queued again by the next scan.
 */
export const deliverRemindersTask: TaskConfig<'deliverReminders'> = {
  slug: 'deliverReminders',
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
  inputSchema: [{ name: 'logIds', type: 'json', required: true }],
  outputSchema: [{ name: 'counts', type: 'json' }],
  handler: async ({ input, req }) => {
    const config = env()
    const logIds = (Array.isArray(input.logIds) ? input.logIds : []).map(Number).filter(Number.isSafeInteger)
    const outcomes = await deliverNotifications(req.payload, logIds, {
      settings: config.reminders,
      workerId: workerIdentity().id,
      appUrl: config.serverUrl,
    })
    const counts: Record<string, number> = {}
    for (const o of outcomes.values()) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1
    return { output: { counts } }
  },
}
