import type { Payload } from 'payload'

import type { Env } from '../env'
import { errorMessage, logLine } from '../services/notifications/log'
import { dispatchWebhooks, WEBHOOKS_QUEUE } from '../services/webhooks/dispatch'
import { startRunner } from './runner'
import { sweepStuckJobs } from './scan/dispatch'

export type WebhookLanes = { stop: () => Promise<void> }

/**
 * The worker's webhook side, beside the reminder scan and lanes and sharing nothing with them but the database:
 * every WEBHOOK_POLL_INTERVAL_MS it puts back delivery jobs a dead worker left `processing` and queues a job per
 * endpoint with due deliveries; WEBHOOK_CONCURRENCY lanes of its own run them. A receiver that hangs, redirects or
 * answers 500s holds at most one lane for one time limit per round, and never a reminder lane.
 */
export function startWebhookLanes(payload: Payload, s: Env['webhooks'], workerId: string): WebhookLanes {
  const runner = startRunner(payload, { queues: [WEBHOOKS_QUEUE], concurrency: s.concurrency, idleMs: s.pollIntervalMs })
  let stopped = false
  let busy = false
  const tick = async () => {
    if (stopped || busy) return
    busy = true
    try {
      await sweepStuckJobs(payload, { queues: [WEBHOOKS_QUEUE], leaseMs: s.leaseMs })
      if (await dispatchWebhooks(payload)) runner.wake()
    } catch (error) {
      logLine('error', 'webhook.dispatch_failed', { workerId, error: errorMessage(error) })
    } finally {
      busy = false
    }
  }
  const timer = setInterval(() => void tick(), s.pollIntervalMs)
  void tick()
  return {
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await runner.stop()
    },
  }
}
