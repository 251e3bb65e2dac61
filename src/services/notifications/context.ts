import { sql } from '@payloadcms/db-postgres'

import { overdueReason } from '../../domain/reminders'
import type { NotificationKind, RecipientRole, TemplateContext } from '../../templates'
import { type Db, date, num, str } from './db'

/** What an event adds that the database does not hold (the old visit time, a reason someone typed, ...). */
export type EventDetails = Partial<Pick<TemplateContext, 'previousVisit' | 'windows' | 'note' | 'expiresAt' | 'payout'>>

const address = (r: Record<string, unknown>) =>
  ['service_address_line1', 'service_address_line2', 'service_address_city', 'service_address_region', 'service_address_postal_code', 'service_address_country']
    .map((k) => str(r[k]))
    .filter(Boolean)
    .join(', ')

const JOB_COLUMNS = sql`j.id AS job_id, j.title, j.time_zone AS job_time_zone, j.service_address_line1, j.service_address_line2,
  j.service_address_city, j.service_address_region, j.service_address_postal_code, j.service_address_country`

/**
 * Everything a template needs about one notification, read fresh: names, the job, the visit as it is now, in the job's
 * time zone. Returns null when the assignment or quote no longer exists.
 */
export async function loadTemplateContext(
  db: Db,
  {
    kind,
    assignmentId,
    quoteId,
    recipient,
    details = {},
    appUrl,
    overdueSlaMinutes,
    now = new Date(),
  }: {
    kind: NotificationKind
    assignmentId?: number | null
    quoteId?: number | null
    recipient: { name: string; role: RecipientRole }
    details?: EventDetails
    appUrl: string
    overdueSlaMinutes: number
    now?: Date
  },
): Promise<TemplateContext | null> {
  if (assignmentId) {
    const { rows } = await db.execute(sql`
      SELECT a.id, a.quote_id, a.status, a.scheduled_start, a.scheduled_end, a.time_zone, a.amount, a.currency,
        a.timestamps_accepted_at, a.timestamps_provider_completed_at, a.rejection_reason, a.dispute_reason,
        ${JOB_COLUMNS}, c.name AS customer_name, p.name AS provider_name
      FROM assignments a JOIN jobs j ON j.id = a.job_id
        LEFT JOIN users c ON c.id = a.customer_id LEFT JOIN users p ON p.id = a.provider_id
      WHERE a.id = ${assignmentId}`)
    const a = rows[0]
    if (!a) return null
    const start = date(a.scheduled_start)
    const completedAt = date(a.timestamps_provider_completed_at) ?? undefined
    const reason = overdueReason({
      status: String(a.status),
      acceptedAt: date(a.timestamps_accepted_at),
      scheduledEnd: date(a.scheduled_end),
      providerCompletedAt: completedAt,
      now,
      slaMinutes: overdueSlaMinutes,
    })
    const since = reason === 'unscheduled' ? date(a.timestamps_accepted_at) : reason === 'not_completed' ? date(a.scheduled_end) : completedAt
    const payout = kind.startsWith('payout') || kind === 'capture_failed' ? await loadPayout(db, assignmentId) : undefined
    const defaultNote = kind === 'assignment_rejected' ? str(a.rejection_reason) : kind === 'dispute_opened' ? str(a.dispute_reason) : null
    return {
      appUrl,
      recipient,
      timeZone: String(a.time_zone ?? a.job_time_zone ?? 'UTC'),
      job: { id: num(a.job_id), title: String(a.title), address: address(a) },
      assignmentId,
      customerName: str(a.customer_name) ?? undefined,
      providerName: str(a.provider_name) ?? undefined,
      visit: start ? { start, end: date(a.scheduled_end) } : undefined,
      quote:
        a.amount != null
          ? { id: num(a.quote_id), amount: num(a.amount), currency: String(a.currency ?? 'USD'), providerName: String(a.provider_name ?? ''), createdAt: date(a.timestamps_accepted_at) ?? now }
          : undefined,
      completedAt,
      overdue: reason && since ? { reason, since, slaMinutes: overdueSlaMinutes } : undefined,
      payout,
      note: defaultNote ?? undefined,
      ...details,
    }
  }
  if (quoteId) {
    const { rows } = await db.execute(sql`
      SELECT q.id, q.amount, q.currency, q.created_at, ${JOB_COLUMNS}, c.name AS customer_name, p.name AS provider_name
      FROM quotes q JOIN jobs j ON j.id = q.job_id
        LEFT JOIN users c ON c.id = j.customer_id LEFT JOIN users p ON p.id = q.provider_id
      WHERE q.id = ${quoteId}`)
    const q = rows[0]
    if (!q) return null
    return {
      appUrl,
      recipient,
      timeZone: String(q.job_time_zone ?? 'UTC'),
      job: { id: num(q.job_id), title: String(q.title), address: address(q) },
      customerName: str(q.customer_name) ?? undefined,
      providerName: str(q.provider_name) ?? undefined,
      quote: {
        id: num(q.id),
        amount: num(q.amount),
        currency: String(q.currency ?? 'USD'),
        providerName: String(q.provider_name ?? 'A provider'),
        createdAt: date(q.created_at) ?? now,
      },
      ...details,
    }
  }
  return null
}

async function loadPayout(db: Db, assignmentId: number): Promise<TemplateContext['payout']> {
  const { rows } = await db.execute(sql`
    SELECT reference, amount, currency, status, last_error FROM payouts WHERE assignment_id = ${assignmentId} LIMIT 1`)
  const p = rows[0]
  if (!p) return undefined
  return {
    reference: String(p.reference),
    amount: num(p.amount),
    currency: String(p.currency ?? 'USD'),
    status: str(p.status) ?? undefined,
    error: str(p.last_error) ?? undefined,
  }
}
