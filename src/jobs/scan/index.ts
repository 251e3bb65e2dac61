import type { Payload } from 'payload'

import type { ReminderSettings } from '../../domain/reminderSettings'
import { dbOf } from '../../services/notifications/db'
import { dispatchDue, sweepStuckJobs } from './dispatch'
import { flagOverdue } from './overdue'
import { planCompletionNudgeLogs, planQuoteFollowUpLogs, planVerificationNudgeLogs, planVisitReminderLogs } from './plan'

export type ScanResult = {
  planned: { visitReminders: number; quoteFollowUps: number; completionNudges: number; verificationNudges: number }
  overdue: { flagged: number; cleared: number }
  swept: number
  dispatched: number
  ms: number
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
  const db = dbOf(payload)
  const planned = {
    visitReminders: await planVisitReminderLogs(db, settings, now),
    quoteFollowUps: await planQuoteFollowUpLogs(db, settings, now),
    completionNudges: await planCompletionNudgeLogs(db, settings, now),
    verificationNudges: await planVerificationNudgeLogs(db, settings, now),
  }
  const overdue = await flagOverdue(payload, settings, now)
  const swept = await sweepStuckJobs(payload, { queues, leaseMs: settings.leaseMs })
  const dispatched = await dispatchDue(payload, settings)
  return { planned, overdue, swept, dispatched, ms: Date.now() - started }
}
