import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { ReminderSettings } from '../../domain/reminderSettings'
import { overdueReason, reminderDedupeKey } from '../../domain/reminders'
import { type Db, date, dbOf, inDbTransaction, num } from '../../db/sql'
import { loadRecipients, opsUserIds } from '../../services/notifications/recipients'
import { type NewNotificationLog, recordNotifications } from '../../services/notifications/record'
import { rowsFor } from './rows'

type Candidate = {
  id: number
  status: string
  acceptedAt: Date | null
  scheduledEnd: Date | null
  providerCompletedAt: Date | null
}

const candidate = (r: Record<string, unknown>): Candidate => ({
  id: num(r.id),
  status: String(r.status),
  acceptedAt: date(r.timestamps_accepted_at),
  scheduledEnd: date(r.scheduled_end),
  providerCompletedAt: date(r.timestamps_provider_completed_at),
})

const reasonOf = (c: Candidate, now: Date, slaMinutes: number) => overdueReason({ ...c, now, slaMinutes })

/** The instant the SLA clock of the current step started: the alert's identity together with the reason. */
const clockStart = (c: Candidate, reason: string) =>
  reason === 'unscheduled' ? c.acceptedAt : reason === 'not_completed' ? c.scheduledEnd : c.providerCompletedAt

/**
 * Assignments stuck past REMINDER_OVERDUE_MINUTES at their step (unscheduled, not completed, not verified): flags
 * `reminders.overdue` and records one alert per Ops user. Flipping the flag is an UPDATE … WHERE overdue IS NOT TRUE
 * RETURNING inside the transaction that records the alerts, so of several workers only one alerts, once. Assignments
 * that moved on are unflagged, so the flag and the `reminder_overdue` gauge mean "stuck now".
 */
/** The SQL side of overdueReason (the domain rule decides; this only narrows what is read). */
const pastSla = (s: ReminderSettings, now: Date) => {
  const sla = sql`${now.toISOString()}::timestamptz - ${s.overdueMinutes} * interval '1 minute'`
  return sql`(
      (a.status = 'pending_schedule' AND a.timestamps_accepted_at <= ${sla})
      OR (a.status = 'scheduled' AND a.scheduled_end <= ${sla})
      OR (a.status = 'completed' AND a.timestamps_provider_completed_at <= ${sla}))`
}

export async function flagOverdue(payload: Payload, s: ReminderSettings, now: Date): Promise<{ flagged: number; cleared: number }> {
  const db = dbOf(payload)
  const { rows } = await db.execute(sql`
    SELECT a.id, a.status, a.timestamps_accepted_at, a.scheduled_end, a.timestamps_provider_completed_at
    FROM assignments a
    WHERE a.reminders_overdue IS NOT TRUE AND ${pastSla(s, now)}
    LIMIT 1000`)
  const overdue = rows.map(candidate).flatMap((c) => {
    const reason = reasonOf(c, now, s.overdueMinutes)
    return reason ? [{ c, reason }] : []
  })
  let flagged = 0
  if (overdue.length) {
    flagged = await inDbTransaction(payload, async (tx) => {
      const { rows: flipped } = await tx.execute(sql`
        UPDATE assignments SET reminders_overdue = true, reminders_overdue_flagged_at = now()
        WHERE id = ANY(${sql.param(overdue.map((o) => o.c.id))}::int[]) AND reminders_overdue IS NOT TRUE
        RETURNING id`)
      const won = new Set(flipped.map((r) => num(r.id)))
      const ops = await loadRecipients(tx, await opsUserIds(tx))
      const logs: NewNotificationLog[] = []
      for (const { c, reason } of overdue.filter((o) => won.has(o.c.id))) {
        const since = clockStart(c, reason) ?? now
        const key = `${reminderDedupeKey({ kind: 'reminder_overdue', subjectId: c.id, instant: since, recipientRole: 'ops' })}:${reason}`
        // Ops alerts belong to Ops: no customer/provider on the row, so the parties do not see internal escalations.
        for (const user of ops.values()) {
          logs.push(...rowsFor(user, { kind: 'reminder_overdue', key: `${key}:${user.id}`, assignmentId: c.id, scheduledFor: now }))
        }
      }
      await recordNotifications(tx, logs)
      return won.size
    })
  }
  return { flagged, cleared: await clearResolved(db, s, now) }
}

/** Unflags assignments that moved on; reads only those the SQL rule says are no longer past the SLA. */
async function clearResolved(db: Db, s: ReminderSettings, now: Date): Promise<number> {
  const { rows } = await db.execute(sql`
    SELECT a.id, a.status, a.timestamps_accepted_at, a.scheduled_end, a.timestamps_provider_completed_at
    FROM assignments a WHERE a.reminders_overdue = true AND NOT coalesce(${pastSla(s, now)}, false)`)
  const resolved = rows.map(candidate).filter((c) => !reasonOf(c, now, s.overdueMinutes))
  if (!resolved.length) return 0
  const { rowCount } = await db.execute(sql`
    UPDATE assignments SET reminders_overdue = false WHERE id = ANY(${sql.param(resolved.map((c) => c.id))}::int[])`)
  return rowCount ?? 0
}
