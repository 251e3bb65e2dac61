import { sql } from '@payloadcms/db-postgres'

import { jobRelation, readableAddress } from '../../access/partyView'
import { formatAddress, type AddressParts } from '../../domain/address'
import { overdueReason } from '../../domain/reminders'
import type { NotificationKind, RecipientRole, TemplateContext } from '../../templates'
import { type Db, date, num, str } from '../../db/sql'

/** What an event adds that the database does not hold (the old visit time, a reason someone typed, ...). */
export type EventDetails = Partial<Pick<TemplateContext, 'previousVisit' | 'windows' | 'note' | 'expiresAt' | 'payout' | 'outcome' | 'webhook' | 'eta' | 'account'>>

const addressParts = (r: Record<string, unknown>): AddressParts => ({
  line1: str(r.service_address_line1),
  line2: str(r.service_address_line2),
  city: str(r.service_address_city),
  region: str(r.service_address_region),
  postalCode: str(r.service_address_postal_code),
  country: str(r.service_address_country),
})

/**
 * The job's address as this recipient may read it now (the field policy): the customer and Ops all of it, a provider
 * the street and postcode only while the job is assigned to them. A recipient without an id (a preview) reads all.
 */
export function addressFor(r: Record<string, unknown>, recipient: Recipient): string {
  const full = addressParts(r)
  if (recipient.id === undefined || recipient.role === 'ops') return formatAddress(full)
  const viewer = { id: recipient.id, role: recipient.role }
  const job = { customer: r.job_customer_id, status: r.job_status, assignedProvider: r.job_assigned_provider_id }
  return formatAddress(readableAddress(full, viewer, jobRelation(viewer, job)))
}

/** The full address, as Ops read it: what a message recorded for someone may have carried. */
export const fullAddress = (r: Record<string, unknown>): string => formatAddress(addressParts(r))

export type StoredText = { subject: string | null; text: string; ics?: string | null }

/**
 * A message recorded for a party, as they may read it now: the address narrowed to what the field policy gives them
 * (a provider the work was taken from, or whose job is done, keeps the town, not the street), and `withoutInvite` when
 * its calendar invite names what they may no longer read. Null when it says nothing they may not read (also when it was
 * rendered after the change already). `job` is a row with JOB_COLUMNS.
 */
export function narrowedForNow(job: Record<string, unknown>, recipient: Recipient, stored: StoredText): (StoredText & { withoutInvite: boolean }) | null {
  const full = fullAddress(job)
  const now = addressFor(job, recipient)
  if (full === now) return null
  const hidden = [job.service_address_line1, job.service_address_line2, job.service_address_postal_code].map(str).filter((p): p is string => Boolean(p))
  // an invite folds long lines and escapes commas: read it unfolded and unescaped
  const ics = (stored.ics ?? '').replace(/\r?\n[ \t]/g, '').replace(/\\([,;])/g, '$1')
  const inText = hidden.some((p) => `${stored.subject ?? ''}\n${stored.text}`.includes(p))
  const inInvite = hidden.some((p) => ics.includes(p))
  if (!inText && !inInvite) return null
  const narrow = (text: string | null) => (text && full ? text.split(full).join(now) : text)
  return { subject: narrow(stored.subject), text: narrow(stored.text) ?? '', ics: inInvite ? null : stored.ics, withoutInvite: inInvite }
}

export const JOB_COLUMNS = sql`j.id AS job_id, j.title, j.time_zone AS job_time_zone, j.service_address_line1, j.service_address_line2,
  j.service_address_city, j.service_address_region, j.service_address_postal_code, j.service_address_country,
  j.customer_id AS job_customer_id, j.status AS job_status, j.assigned_provider_id AS job_assigned_provider_id`

/** Who reads a message: their id decides what of the job they may read (absent in previews: everything). */
export type Recipient = { name: string; role: RecipientRole; id?: number; timeZone?: string }

/** One notification's template request: what it is about and who reads it. */
export type ContextRequest = {
  kind: NotificationKind
  assignmentId?: number | null
  quoteId?: number | null
  recipient: Recipient
  details?: EventDetails
}

type Shared = { appUrl: string; overdueSlaMinutes: number; now?: Date }

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
  return requests.map(({ kind, assignmentId, quoteId, recipient: reader, details = {} }) => {
    const recipient = { name: reader.name, role: reader.role }
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
        job: { id: num(a.job_id), title: String(a.title), address: addressFor(a, reader) },
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
    // a message about no job at all (a webhook endpoint, a person's own account): its details are the whole story
    if (!quoteId && (details.webhook || details.account)) return { appUrl, recipient, timeZone: reader.timeZone ?? 'UTC', job: { id: 0, title: '', address: '' }, ...details }
    const q = quoteId ? quotes.get(quoteId) : undefined
    if (!q) return null
    return {
      appUrl,
      recipient,
      timeZone: String(q.job_time_zone ?? 'UTC'),
      job: { id: num(q.job_id), title: String(q.title), address: addressFor(q, reader) },
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
