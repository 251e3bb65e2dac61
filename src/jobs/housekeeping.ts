import type { Payload } from 'payload'

import { env } from '../env'

/** How often a worker queues the payment housekeeping tasks. */
export const HOUSEKEEPING_EVERY_MS = 5 * 60_000

const PERIODIC_TASKS = ['authorizationWatch', 'autoVerify'] as const

/**
 * Queues the periodic payment tasks — warn Ops before card authorisations lapse (authorizationWatch) and verify
 * completed work nobody disputed within AUTO_VERIFY_DAYS (autoVerify, only when that is set) — unless one is already
 * waiting, so several workers never pile them up. Both tasks are idempotent, so an occasional second run is harmless.
 */
export async function queueHousekeeping(payload: Payload): Promise<string[]> {
  const queued: string[] = []
  for (const task of PERIODIC_TASKS) {
    if (task === 'autoVerify' && !env().payments.autoVerifyDays) continue
    const waiting = await payload.count({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: task } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
      overrideAccess: true,
    })
    if (waiting.totalDocs > 0) continue
    await payload.jobs.queue({ task, input: { limit: 100 } })
    queued.push(task)
  }
  return queued
}
