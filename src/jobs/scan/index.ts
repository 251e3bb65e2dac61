import type { Payload } from 'payload'

import type { ReminderSettings } from '../../domain/reminderSettings'
import { sql } from '@payloadcms/db-postgres'

import { inDbTransaction } from '../../db/sql'
import { dispatchDue, sweepStuckJobs } from './dispatch'
import { flagOverdue } from './overdue'
import { planCompletionNudgeLogs, planQuoteFollowUpLogs, planVerificationNudgeLogs, planVisitReminderLogs } from './plan'

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
 * so any number of workers may scan at once), flag overdue assignments, put back jobs a dead worker left
 * `processing`, then queue delivery of every pending reminder due within the lookahead.
 */
export async function runScan(
  payload: Payload,
  { settings, queues, now = new Date() }: { settings: ReminderSettings; queues: readonly string[]; now?: Date },
): Promise<ScanResult> {
  const started = Date.now()
  let mark = started
  const lap = () => {
    const ms = Date.now() - mark
    mark = Date.now()
    return ms
  }
  // One planner at a time across all workers: a second worker planning the same rows at the same moment would only
  // wait on the first one's unique-key inserts and then skip them all. It plans on its next tick instead.
  const planned = (await inDbTransaction(payload, async (tx) => {
    const { rows } = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext('jobline:reminder-plan')) AS ok`)
    if (!rows[0]?.ok) return null
    return {
      visitReminders: await planVisitReminderLogs(tx, settings, now),
      quoteFollowUps: await planQuoteFollowUpLogs(tx, settings, now),
      completionNudges: await planCompletionNudgeLogs(tx, settings, now),
      verificationNudges: await planVerificationNudgeLogs(tx, settings, now),
    }
  })) ?? { visitReminders: 0, quoteFollowUps: 0, completionNudges: 0, verificationNudges: 0 }
  const plan = lap()
  const overdue = await flagOverdue(payload, settings, now)
  const overdueMs = lap()
  const swept = await sweepStuckJobs(payload, { queues, leaseMs: settings.leaseMs })
  const sweep = lap()
  const dispatched = await dispatchDue(payload, settings)
  const dispatch = lap()
  return { planned, overdue, swept, dispatched, ms: Date.now() - started, steps: { plan, overdue: overdueMs, sweep, dispatch } }
}
