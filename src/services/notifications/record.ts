import { sql } from '@payloadcms/db-postgres'

import type { SuppressionReason } from '../../domain/suppressions'
import type { ChannelName, NotificationKind } from '../../templates'
import type { Db } from '../../db/sql'

/** One notification to one recipient on one channel, as the scan or an event records it. */
export type NewNotificationLog = {
  kind: NotificationKind
  channel: ChannelName
  dedupeKey: string
  assignmentId?: number | null
  quoteId?: number | null
  customerId?: number | null
  providerId?: number | null
  recipientId: number
  recipientAddress: string | null
  /** `suppressed` only when the recipient opted out of the channel. */
  status: 'pending' | 'suppressed'
  reason?: SuppressionReason | null
  /** When it was meant to go out (the lead time's due instant, the nudge's instant, or now for an event). */
  scheduledFor: Date
  /** The visit start it was planned for, compared again at send time. */
  plannedStart?: Date | null
  /** Pre-rendered text for events; reminders are rendered at send time from what is true then. */
  subject?: string | null
  body?: string | null
  /** The calendar invite an email carries (event emails of a booked, moved or cancelled visit). */
  ics?: string | null
  icsMethod?: string | null
}

export type RecordedLog = { id: number; dedupeKey: string; status: string; nextAttemptAt: Date | null }

const BATCH = 5000

/**
 * Inserts the rows whose dedupe key is new and returns them; a key already recorded (a replan, a second worker's scan,
 * the same event twice) is skipped by the unique index, atomically, without an error. Columns travel as one array
 * each (unnest), so thousands of rows are one statement with 18 parameters rather than thousands of parameters.
 */
export async function recordNotifications(db: Db, logs: NewNotificationLog[]): Promise<RecordedLog[]> {
  const recorded: RecordedLog[] = []
  for (let i = 0; i < logs.length; i += BATCH) {
    const chunk = logs.slice(i, i + BATCH)
    const column = <T>(pick: (l: NewNotificationLog) => T) => sql.param(chunk.map(pick))
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)
    const { rows } = await db.execute(sql`
      INSERT INTO reminder_logs (kind, channel, dedupe_key, assignment_id, quote_id, customer_id, provider_id, recipient_id,
        recipient_address, status, reason, scheduled_for, next_attempt_at, planned_start, subject, body, ics, ics_method, attempts)
      SELECT kind, channel::enum_reminder_logs_channel, dedupe_key, assignment_id, quote_id, customer_id, provider_id,
        recipient_id, recipient_address, status::enum_reminder_logs_status, reason, scheduled_for,
        CASE WHEN status = 'pending' THEN scheduled_for END, planned_start, subject, body, ics, ics_method, 0
      FROM unnest(${column((l) => l.kind)}::text[], ${column((l) => l.channel)}::text[], ${column((l) => l.dedupeKey)}::text[],
        ${column((l) => l.assignmentId ?? null)}::int[], ${column((l) => l.quoteId ?? null)}::int[],
        ${column((l) => l.customerId ?? null)}::int[], ${column((l) => l.providerId ?? null)}::int[],
        ${column((l) => l.recipientId)}::int[], ${column((l) => l.recipientAddress)}::text[], ${column((l) => l.status)}::text[],
        ${column((l) => l.reason ?? null)}::text[], ${column((l) => iso(l.scheduledFor))}::timestamptz[],
        ${column((l) => iso(l.plannedStart))}::timestamptz[], ${column((l) => l.subject ?? null)}::text[],
        ${column((l) => l.body ?? null)}::text[], ${column((l) => l.ics ?? null)}::text[],
        ${column((l) => l.icsMethod ?? null)}::text[])
        AS v(kind, channel, dedupe_key, assignment_id, quote_id, customer_id, provider_id, recipient_id, recipient_address,
          status, reason, scheduled_for, planned_start, subject, body, ics, ics_method)
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, dedupe_key, status, next_attempt_at`)
    for (const r of rows) {
      recorded.push({
        id: Number(r.id),
        dedupeKey: String(r.dedupe_key),
        status: String(r.status),
        nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at as string) : null,
      })
    }
  }
  return recorded
}
