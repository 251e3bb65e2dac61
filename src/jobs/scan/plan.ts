import { sql } from '@payloadcms/db-postgres'
import type { SQL } from '@payloadcms/db-postgres/drizzle'

import type { ReminderSettings } from '../../domain/reminderSettings'
import {
  completionNudgeDue,
  isDue,
  leadsInSeconds,
  planVisitReminders,
  quoteFollowUpDue,
  reminderDedupeKey,
  verificationNudgeDue,
} from '../../domain/reminders'
import { type Db, date, num } from '../../db/sql'
import { loadRecipients } from '../../services/notifications/recipients'
import { type NewNotificationLog, recordNotifications } from '../../services/notifications/record'
import { rowsFor } from './rows'

const MINUTE = 60_000
/**
 * Most candidates one pass reads per kind; the rest wait for the scan's next pass, oldest first. Each pass commits and
 * is queued for delivery on its own (runScan), so a burst starts going out after its first thousand visits are
 * recorded rather than after all of them: with 5,000 at once the first send waited ~1 s for the whole plan.
 */
export const SCAN_BATCH = 1000

/** Passes one scan makes per planner at most: enough for a morning's backlog, bounded so a scan always ends. */
export const MAX_PASSES = 125

export type Pass = { candidates: number; recorded: number }

/** Reads up to SCAN_BATCH candidates of one kind and records those due. */
export type Planner = (db: Db, s: ReminderSettings, now: Date) => Promise<Pass>

const ids = (rows: Record<string, unknown>[], ...columns: string[]) =>
  [...new Set(rows.flatMap((r) => columns.map((c) => r[c]).filter((v) => v != null).map(Number)))]

/**
 * Visit reminders, one per lead time (REMINDER_LEAD_MINUTES) and party, recorded when due within the lookahead; the
 * dispatch queues each with `waitUntil` at its due time. planVisitReminders decides; the SQL only narrows the
 * candidates to visits with a lead due and not yet recorded.
 */
const planVisitReminderLogs: Planner = async (db, s, now) => {
  const { rows } = await db.execute(sql`
    SELECT a.id, a.customer_id, a.provider_id, a.scheduled_start,
      coalesce(a.timestamps_scheduled_at, a.timestamps_accepted_at, a.created_at) AS booked_at
    FROM assignments a
    WHERE a.status = 'scheduled' AND a.scheduled_start > ${now.toISOString()}::timestamptz
      AND EXISTS (
        SELECT 1 FROM unnest(${sql.param(leadsInSeconds(s.leadMinutes))}::int[]) AS lead(seconds)
        WHERE a.scheduled_start - lead.seconds * interval '1 second'
              <= ${now.toISOString()}::timestamptz + ${s.lookaheadMinutes} * interval '1 minute'
          -- the rule planVisitReminders applies (a lead already passed at booking is skipped), repeated here so such
          -- visits are not re-read by every scan
          AND a.scheduled_start - lead.seconds * interval '1 second'
              >= coalesce(a.timestamps_scheduled_at, a.timestamps_accepted_at, a.created_at)
          AND NOT EXISTS (
            SELECT 1 FROM reminder_logs l
            WHERE l.assignment_id = a.id AND l.kind = 'visit_reminder' AND l.planned_start = a.scheduled_start
              AND l.scheduled_for = a.scheduled_start - lead.seconds * interval '1 second'))
    ORDER BY a.scheduled_start
    LIMIT ${SCAN_BATCH}`)
  if (!rows.length) return { candidates: 0, recorded: 0 }
  const people = await loadRecipients(db, ids(rows, 'customer_id', 'provider_id'))
  const logs: NewNotificationLog[] = []
  for (const r of rows) {
    const assignmentId = num(r.id)
    const scheduledStart = date(r.scheduled_start)!
    const plans = planVisitReminders({
      assignmentId,
      scheduledStart,
      bookedAt: date(r.booked_at) ?? now,
      leadsMinutes: s.leadMinutes,
    }).filter((p) => isDue(p.dueAt, now, s.lookaheadMinutes))
    // When a scan finds several leads already due (the worker was down), only the shortest goes out: two reminders
    // of one visit at the same moment would be a burst, and the shortest is the one that is still timely.
    const dueNow = plans.filter((p) => p.dueAt.getTime() <= now.getTime())
    const shortestDue = dueNow.length > 1 ? Math.min(...dueNow.map((p) => p.lead)) : undefined
    for (const plan of plans) {
      const superseded = shortestDue !== undefined && plan.dueAt.getTime() <= now.getTime() && plan.lead !== shortestDue
      for (const [role, userId] of [
        ['customer', num(r.customer_id)],
        ['provider', num(r.provider_id)],
      ] as const) {
        logs.push(
          ...rowsFor(people.get(userId), {
            kind: 'visit_reminder',
            key: `${plan.dedupeKey}:${role}`,
            assignmentId,
            customerId: num(r.customer_id),
            providerId: num(r.provider_id),
            scheduledFor: plan.dueAt,
            plannedStart: scheduledStart,
            suppressedReason: superseded ? 'superseded' : undefined,
          }),
        )
      }
    }
  }
  return { candidates: rows.length, recorded: (await recordNotifications(db, logs)).length }
}

/** A follow-up to the customer for each quote left pending QUOTE_FOLLOW_UP_MINUTES on an open job; once per quote. */
const planQuoteFollowUpLogs: Planner = async (db, s, now) => {
  const { rows } = await db.execute(sql`
    SELECT q.id, q.created_at, q.provider_id, coalesce(q.customer_id, j.customer_id) AS customer_id
    FROM quotes q JOIN jobs j ON j.id = q.job_id
    WHERE q.status = 'pending' AND j.status = 'open'
      AND q.created_at <= ${now.toISOString()}::timestamptz - ${s.quoteFollowUpMinutes} * interval '1 minute'
      AND NOT EXISTS (SELECT 1 FROM reminder_logs l WHERE l.quote_id = q.id AND l.kind = 'quote_follow_up')
    ORDER BY q.created_at
    LIMIT ${SCAN_BATCH}`)
  const due = rows.filter((r) => quoteFollowUpDue(date(r.created_at)!, now, s.quoteFollowUpMinutes))
  if (!due.length) return { candidates: rows.length, recorded: 0 }
  const people = await loadRecipients(db, ids(due, 'customer_id'))
  const logs = due.flatMap((r) => {
    const createdAt = date(r.created_at)!
    return rowsFor(people.get(num(r.customer_id)), {
      kind: 'quote_follow_up',
      key: reminderDedupeKey({ kind: 'quote_follow_up', subjectId: num(r.id), instant: createdAt, recipientRole: 'customer' }),
      quoteId: num(r.id),
      customerId: num(r.customer_id),
      providerId: num(r.provider_id),
      scheduledFor: new Date(createdAt.getTime() + s.quoteFollowUpMinutes * MINUTE),
    })
  })
  return { candidates: rows.length, recorded: (await recordNotifications(db, logs)).length }
}

/** What tells the two nudges apart; everything else about planning them is the same. */
type Nudge = {
  kind: 'completion_nudge' | 'verification_nudge'
  /** The assignment state the nudge is for, and the column whose instant starts its clock. */
  status: 'scheduled' | 'completed'
  instant: SQL
  minutes: (s: ReminderSettings) => number
  due: (instant: Date | null, now: Date, minutes: number) => boolean
  to: 'customer' | 'provider'
  /** The "already recorded?" check: once per visit time for completion, once per assignment for verification. */
  recorded: SQL
}

const COMPLETION_NUDGE: Nudge = {
  kind: 'completion_nudge',
  status: 'scheduled',
  instant: sql`a.scheduled_end`,
  minutes: (s) => s.completionNudgeMinutes,
  due: completionNudgeDue,
  to: 'provider',
  recorded: sql`l.kind = 'completion_nudge' AND l.planned_start = a.scheduled_start`,
}

const VERIFICATION_NUDGE: Nudge = {
  kind: 'verification_nudge',
  status: 'completed',
  instant: sql`a.timestamps_provider_completed_at`,
  minutes: (s) => s.verificationNudgeMinutes,
  due: verificationNudgeDue,
  to: 'customer',
  recorded: sql`l.kind = 'verification_nudge'`,
}

/** A nudge to the provider COMPLETION_NUDGE_MINUTES after a visit ended unmarked; once per visit time. */
const planCompletionNudgeLogs: Planner = (db, s, now) => planNudgePass(COMPLETION_NUDGE, db, s, now)

/** A nudge to the customer VERIFICATION_NUDGE_MINUTES after the provider marked the job complete; once. */
const planVerificationNudgeLogs: Planner = (db, s, now) => planNudgePass(VERIFICATION_NUDGE, db, s, now)

/** Every planner, by the name ScanResult.planned counts it under. */
export const PLANNERS = {
  visitReminders: planVisitReminderLogs,
  quoteFollowUps: planQuoteFollowUpLogs,
  completionNudges: planCompletionNudgeLogs,
  verificationNudges: planVerificationNudgeLogs,
} as const satisfies Record<string, Planner>

async function planNudgePass(nudge: Nudge, db: Db, s: ReminderSettings, now: Date): Promise<Pass> {
  const minutes = nudge.minutes(s)
  const { rows } = await db.execute(sql`
    SELECT a.id, a.customer_id, a.provider_id, a.scheduled_start, ${nudge.instant} AS instant
    FROM assignments a
    WHERE a.status = ${nudge.status} AND ${nudge.instant} <= ${now.toISOString()}::timestamptz - ${minutes} * interval '1 minute'
      AND NOT EXISTS (SELECT 1 FROM reminder_logs l WHERE l.assignment_id = a.id AND ${nudge.recorded})
    ORDER BY ${nudge.instant}
    LIMIT ${SCAN_BATCH}`)
  const due = rows.filter((r) => nudge.due(date(r.instant), now, minutes))
  if (!due.length) return { candidates: rows.length, recorded: 0 }
  const recipientColumn = `${nudge.to}_id`
  const people = await loadRecipients(db, ids(due, recipientColumn))
  const logs = due.flatMap((r) => {
    const instant = date(r.instant)!
    return rowsFor(people.get(num(r[recipientColumn])), {
      kind: nudge.kind,
      key: reminderDedupeKey({ kind: nudge.kind, subjectId: num(r.id), instant, recipientRole: nudge.to }),
      assignmentId: num(r.id),
      customerId: num(r.customer_id),
      providerId: num(r.provider_id),
      scheduledFor: new Date(instant.getTime() + minutes * MINUTE),
      plannedStart: date(r.scheduled_start),
    })
  })
  return { candidates: rows.length, recorded: (await recordNotifications(db, logs)).length }
}
