import { sql } from '@payloadcms/db-postgres'

import { formatAddress } from '../../domain/address'
import { overdueReason } from '../../domain/reminders'
import type { NotificationKind, RecipientRole, TemplateContext } from '../../templates'
import { type Db, date, num, str } from '../../db/sql'

/** What an event adds that the database does not hold (the old visit time, a reason someone typed, ...). */
export type EventDetails = Partial<Pick<TemplateContext, 'previousVisit' | 'windows' | 'note' | 'expiresAt' | 'payout' | 'outcome' | 'webhook' | 'eta'>>

const address = (r: Record<string, unknown>) =>
  formatAddress({
    line1: str(r.service_address_line1),
    line2: str(r.service_address_line2),
    city: str(r.service_address_city),
    region: str(r.service_address_region),
    postalCode: str(r.service_address_postal_code),
    country: str(r.service_address_country),
  })

const JOB_COLUMNS = sql`j.id AS job_id, j.title, j.time_zone AS job_time_zone, j.service_address_line1, j.service_address_line2,
  j.service_address_city, j.service_address_region, j.service_address_postal_code, j.service_address_country`

/** One notification's template request: what it is about and who reads it. */
export type ContextRequest = {
  kind: NotificationKind
  assignmentId?: number | null
  quoteId?: number | null
  recipient: { name: string; role: RecipientRole }
  details?: EventDetails
}

type Shared = { appUrl: string; overdueSlaMinutes: number; now?: Date }

/**
 * Everything a template needs about one notification, read fresh: names, the job, the visit as it is now, in the job's
 * time zone. Returns null when the assignment or quote no longer exists.
 */
export async function loadTemplateContext(db: Db, request: ContextRequest & Shared): Promise<TemplateContext | null> {
  const [context] = await loadTemplateContexts(db, [request], request)
  return context
}

/**
 * The contexts of many notifications with one query per table (not one per notification): the worker renders a whole
 * batch of reminders this way. Answers in the order asked.
 */
export async function loadTemplateContexts(
  db: Db,
  requests: ContextRequest[],
  { appUrl, overdueSlaMinutes, now = new Date() }: Shared,
): Promise<(TemplateContext | null)[]> {
  const assignmentIds = [...new Set(requests.map((r) => r.assignmentId).filter((id): id is number => !!id))]
  const quoteIds = [...new Set(requests.filter((r) => !r.assignmentId && r.quoteId).map((r) => r.quoteId as number))]
  const assignments = assignmentIds.length
    ? byId(
        await db.execute(sql`
          SELECT a.id, a.quote_id, a.status, a.scheduled_start, a.scheduled_end, a.time_zone, a.amount, a.currency,
            a.timestamps_accepted_at, a.timestamps_provider_completed_at, a.rejection_reason, a.dispute_reason,
            ${JOB_COLUMNS}, c.name AS customer_name, p.name AS provider_name
          FROM assignments a JOIN jobs j ON j.id = a.job_id
            LEFT JOIN users c ON c.id = a.customer_id LEFT JOIN users p ON p.id = a.provider_id
          WHERE a.id = ANY(${sql.param(assignmentIds)}::int[])`),
      )
    : new Map()
  const quotes = quoteIds.length
    ? byId(
        await db.execute(sql`
          SELECT q.id, q.amount, q.currency, q.created_at, ${JOB_COLUMNS}, c.name AS customer_name, p.name AS provider_name
          FROM quotes q JOIN jobs j ON j.id = q.job_id
            LEFT JOIN users c ON c.id = j.customer_id LEFT JOIN users p ON p.id = q.provider_id
          WHERE q.id = ANY(${sql.param(quoteIds)}::int[])`),
      )
    : new Map()
  const payoutIds = [...new Set(requests.filter((r) => r.assignmentId && needsPayout(r.kind)).map((r) => r.assignmentId as number))]
  const payoutFor = payoutIds.length ? await loadPayouts(db, payoutIds) : new Map<number, TemplateContext['payout']>()
  return requests.map(({ kind, assignmentId, quoteId, recipient, details = {} }) => {
    if (assignmentId) {
      const a = assignments.get(assignmentId)
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
        payout: needsPayout(kind) ? payoutFor.get(assignmentId) : undefined,
        note: defaultNote ?? undefined,
        ...details,
      }
    }
    // an Ops alert about no job at all (a webhook endpoint): its details are the whole story
    if (!quoteId && details.webhook) return { appUrl, recipient, timeZone: 'UTC', job: { id: 0, title: '', address: '' }, ...details }
    const q = quoteId ? quotes.get(quoteId) : undefined
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
  })
}

const needsPayout = (kind: NotificationKind) => kind.startsWith('payout') || kind === 'capture_failed'

const byId = ({ rows }: { rows: Record<string, unknown>[] }) => new Map(rows.map((r) => [num(r.id), r]))

async function loadPayouts(db: Db, assignmentIds: number[]): Promise<Map<number, TemplateContext['payout']>> {
  const { rows } = await db.execute(sql`
    SELECT DISTINCT ON (assignment_id) assignment_id, reference, amount, currency, status, last_error
    FROM payouts WHERE assignment_id = ANY(${sql.param(assignmentIds)}::int[]) ORDER BY assignment_id, id`)
  return new Map(
    rows.map((p) => [
      num(p.assignment_id),
      { reference: String(p.reference), amount: num(p.amount), currency: String(p.currency ?? 'USD'), status: str(p.status) ?? undefined, error: str(p.last_error) ?? undefined },
    ]),
  )
}
