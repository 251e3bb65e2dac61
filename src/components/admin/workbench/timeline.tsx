import type { Payload, TypedUser, Where } from 'payload'

import { formatInZone } from '@/domain/zonedTime'
import type { Assignment, AuditEvent, Payout, ReminderLog } from '@/payload-types'
import { reminderInstant, reminderKind, reminderOutcome } from '../../fulfillment/reminders'
import { describeEvent } from '../../fulfillment/timeline'

export type TimelineKind = 'audit' | 'money' | 'notification'
export type TimelineEntry = {
  at: string
  kind: TimelineKind
  what: string
  detail: string
  by: string
  /** The domain event (events collection) the row belongs to. */
  event?: { id: number; type: string }
}

const KIND_LABEL: Record<TimelineKind, string> = { audit: 'Audit', money: 'Money', notification: 'Notification' }

const eventIdOf = (e: AuditEvent) => (typeof e.event === 'object' && e.event ? e.event.id : (e.event ?? undefined))

/** Audit rows in words; a payout's rows are money events. */
function fromAudit(e: AuditEvent, types: Map<number, string>): TimelineEntry {
  const d = describeEvent(e)
  const eventId = eventIdOf(e)
  return {
    at: e.at,
    kind: e.entity === 'payouts' ? 'money' : 'audit',
    what: d.what,
    detail: d.change,
    by: d.actor,
    ...(eventId && types.has(eventId) ? { event: { id: eventId, type: types.get(eventId)! } } : {}),
  }
}

/** Every notification with its outcome: sent, not sent and why, failed with the error. */
const fromReminder = (r: ReminderLog): TimelineEntry => ({
  at: reminderInstant(r),
  kind: 'notification',
  what: `${reminderKind(r.kind)} (${r.channel})`,
  detail: `${reminderOutcome(r)}${r.recipientAddress ? ` → ${r.recipientAddress}` : ''}${r.attempts ? `, ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}` : ''}`,
  by: 'reminder worker',
})

/** The card hold's life, from the assignment's payment fields (Stripe's part has no audit row of its own). */
function fromCardHold(a: Assignment): TimelineEntry[] {
  const p = a.payment
  if (!p?.paymentIntentId) return []
  const out: TimelineEntry[] = []
  if (p.authorizedAt) out.push({ at: p.authorizedAt, kind: 'money', what: 'Card hold placed', detail: p.paymentIntentId, by: 'Stripe' })
  if (p.expiryWarnedAt) out.push({ at: p.expiryWarnedAt, kind: 'money', what: 'Card hold about to lapse: Ops warned', detail: p.paymentIntentId, by: 'Jobline' })
  if (p.releasedAt) out.push({ at: p.releasedAt, kind: 'money', what: 'Card hold released', detail: p.paymentIntentId, by: 'Stripe' })
  return out
}

/** The event types of the audit rows' domain events (one query), for the timeline's links into the events collection. */
async function eventTypes(payload: Payload, user: TypedUser, rows: AuditEvent[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map(eventIdOf).filter((id): id is number => typeof id === 'number'))]
  if (!ids.length) return new Map()
  const { docs } = await payload.find({
    collection: 'events',
    where: { id: { in: ids } },
    select: { type: true },
    limit: ids.length,
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return new Map(docs.map((d) => [d.id, d.type]))
}

const byTime = (a: TimelineEntry, b: TimelineEntry) => a.at.localeCompare(b.at)

/**
 * An assignment's story, oldest first: its audit rows and those of its proposals and payout (money), the notifications
 * about it, and its card hold. Read with the signed-in user's access; five queries, none per row.
 */
export async function assignmentTimeline(payload: Payload, user: TypedUser, a: Assignment, payouts: Payout[]): Promise<TimelineEntry[]> {
  const as = { user, overrideAccess: false, depth: 0 } as const
  const [proposals, reminders] = await Promise.all([
    payload.find({ collection: 'schedule-proposals', where: { assignment: { equals: a.id } }, limit: 100, select: {}, ...as }),
    payload.find({ collection: 'reminder-logs', where: { assignment: { equals: a.id } }, limit: 500, sort: 'createdAt', ...as }),
  ])
  const of = (entity: string, ids: (number | string)[]): Where[] =>
    ids.length ? [{ and: [{ entity: { equals: entity } }, { entityId: { in: ids.map(String) } }] }] : []
  const audit = await payload.find({
    collection: 'audit-events',
    where: {
      or: [...of('assignments', [a.id]), ...of('schedule-proposals', proposals.docs.map((p) => p.id)), ...of('payouts', payouts.map((p) => p.id))],
    },
    sort: 'at',
    limit: 500,
    ...as,
  })
  const types = await eventTypes(payload, user, audit.docs)
  return [...audit.docs.map((e) => fromAudit(e, types)), ...reminders.docs.map(fromReminder), ...fromCardHold(a)].sort(byTime)
}

/** A job's story: every audit row that names the job (its own, its quotes', its assignments' and their payouts'). */
export async function jobTimeline(payload: Payload, user: TypedUser, jobId: number): Promise<TimelineEntry[]> {
  const audit = await payload.find({ collection: 'audit-events', where: { job: { equals: jobId } }, sort: 'at', limit: 500, user, overrideAccess: false, depth: 0 })
  const types = await eventTypes(payload, user, audit.docs)
  return audit.docs.map((e) => fromAudit(e, types)).sort(byTime)
}

/** The timeline as a table, times in the record's zone, each row linking to its domain event. */
export function Timeline({ entries, timeZone, adminRoute, testId }: { entries: TimelineEntry[]; timeZone: string; adminRoute: string; testId: string }) {
  return (
    <div className="jl-timeline" data-testid={testId}>
      <h3>Timeline</h3>
      <p className="jl-muted">Audit events, money and notifications (sent, and not sent with the reason) together, times in {timeZone}.</p>
      {entries.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <table className="jl-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
              <th scope="col">By</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i} className={`jl-${e.kind}`}>
                <td>
                  <time dateTime={e.at}>{formatInZone(new Date(e.at), timeZone)}</time>
                </td>
                <td>{KIND_LABEL[e.kind]}</td>
                <td>{e.what}</td>
                <td>{e.detail}</td>
                <td>{e.by}</td>
                <td>{e.event ? <a href={`${adminRoute}/collections/events/${e.event.id}`}>{e.event.type}</a> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
