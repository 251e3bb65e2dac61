import type { Payload } from 'payload'

import type { ReminderSettings } from '../../domain/reminderSettings'
import { sql } from '@payloadcms/db-postgres'

import { inDbTransaction } from '../../db/sql'
import { dispatchDue, sweepStuckJobs } from './dispatch'
import { flagOverdue } from './overdue'
import { MAX_PASSES, PLANNERS, SCAN_BATCH } from './plan'

export type ScanResult = {
  planned: { visitReminders: number; quoteFollowUps: number; completionNudges: number; verificationNudges: number }
  overdue: { flagged: number; cleared: number }
  swept: number
  dispatched: number
  ms: number
  /** Milliseconds per step, for the worker's log and the benchmark. */
  steps: { plan: number; overdue: number; sweep: number; dispatch: number }
}

/**
 * One pass of the reminder scan: record what is due (each a set-based query and one INSERT … ON CONFLICT DO NOTHING,
 * so any number of workers may scan at once), SCAN_BATCH candidates a transaction, each queued for delivery as soon as
 * it commits (`onDispatched` then wakes the lanes); flag overdue assignments, put back jobs a dead worker left
 * `processing`, then queue delivery of every other pending reminder due within the lookahead.
 */
export async function runScan(
  payload: Payload,
  {
    settings,
    queues,
    now = new Date(),
    onDispatched,
  }: { settings: ReminderSettings; queues: readonly string[]; now?: Date; onDispatched?: () => void },
): Promise<ScanResult> {
  const started = Date.now()
  let mark = started
  const lap = () => {
    const ms = Date.now() - mark
    mark = Date.now()
    return ms
  }
  const planned = { visitReminders: 0, quoteFollowUps: 0, completionNudges: 0, verificationNudges: 0 }
  let dispatched = 0
  let dispatchMs = 0
  for (const [name, planner] of Object.entries(PLANNERS) as [keyof typeof PLANNERS, (typeof PLANNERS)[keyof typeof PLANNERS]][]) {
    for (let i = 0; i < MAX_PASSES; i++) {
      // One planner at a time across all workers: a second worker planning the same rows at the same moment would only
      // wait on the first one's unique-key inserts and then skip them all. It plans on its next tick instead.
      const pass = await inDbTransaction(payload, async (tx) => {
        const { rows } = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext('jobline:reminder-plan')) AS ok`)
        return rows[0]?.ok ? planner(tx, settings, now) : null
      })
      if (!pass) break
      planned[name] += pass.recorded
      if (pass.recorded) {
        // queued as soon as committed, so a burst goes out while its later passes are still being planned
        const t = Date.now()
        const n = await dispatchDue(payload, settings)
        dispatchMs += Date.now() - t
        dispatched += n
        if (n) onDispatched?.()
      }
      if (pass.candidates < SCAN_BATCH || pass.recorded === 0) break
    }
  }
  const plan = lap() - dispatchMs
  const overdue = await flagOverdue(payload, settings, now)
  const overdueMs = lap()
  const swept = await sweepStuckJobs(payload, { queues, leaseMs: settings.leaseMs })
  const sweep = lap()
  dispatched += await dispatchDue(payload, settings)
  const dispatch = lap() + dispatchMs
  return { planned, overdue, swept, dispatched, ms: Date.now() - started, steps: { plan, overdue: overdueMs, sweep, dispatch } }
}
