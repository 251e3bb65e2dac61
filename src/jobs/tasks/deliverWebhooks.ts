import type { TaskConfig } from 'payload'

import { env } from '../../env'
import { deliverToEndpoint } from '../../services/webhooks/deliver'
import { workerIdentity } from '../identity'

/**
 * Delivers what is due for one webhook endpoint (see deliverToEndpoint). Queued by the worker's webhook dispatcher on
 * the `webhooks` queue; the deliveries' claim under a lease decides what is sent, so a job run twice — two workers, a
 * swept job after a crash — sends nothing twice that was recorded. Failed sends are retried by the deliveries' own
 * backoff; the task's retries only cover failing to reach the database.
 */
export const deliverWebhooksTask: TaskConfig<'deliverWebhooks'> = {
  slug: 'deliverWebhooks',
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 2000 } },
  inputSchema: [{ name: 'endpointId', type: 'number', required: true }],
  outputSchema: [{ name: 'run', type: 'json' }],
  handler: async ({ input, req }) => {
    const run = await deliverToEndpoint(req, input.endpointId, env().webhooks, workerIdentity().id)
    return { output: { run } }
  },
}
