import type { Payload, PayloadRequest, Where } from 'payload'

import { formatInZone } from '@/domain/zonedTime'
import type { AuditEvent, ReminderLog } from '@/payload-types'
import { describeEvent } from '../fulfillment/timeline'
import { reminderInstant, reminderKind, reminderOutcome } from '../fulfillment/reminders'

type Entry = { at: string; kind: 'event' | 'reminder'; what: string; detail: string; by: string }

const fromEvent = (e: AuditEvent): Entry => {
  const d = describeEvent(e)
  return { at: e.at, kind: 'event', what: d.what, detail: d.change, by: d.by }
}

const fromReminder = (r: ReminderLog): Entry => ({
  at: reminderInstant(r),
  kind: 'reminder',
  what: `${reminderKind(r.kind)} (${r.channel})`,
  detail: `${reminderOutcome(r)}${r.recipientAddress ? ` → ${r.recipientAddress}` : ''}${r.attempts ? `, ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}` : ''}`,
  by: 'reminder worker',
})

/**
 * The `timeline` ui field of an assignment in the admin: its audit events (and its proposals' and payout's) and its
 * reminder logs in one list, oldest first. Read with the signed-in user's access: four queries, none per row.
 */
export async function AssignmentTimeline({ id, payload, req }: { id?: number | string; payload: Payload; req: PayloadRequest }) {
  if (id == null || !req.user) return null
  const user = req.user
  const as = { user, overrideAccess: false, depth: 0 } as const
  const assignment = await payload.findByID({ collection: 'assignments', id, disableErrors: true, ...as })
  if (!assignment) return null
  const [proposals, payouts, reminders] = await Promise.all([
    payload.find({ collection: 'schedule-proposals', where: { assignment: { equals: id } }, limit: 100, select: {}, ...as }),
    payload.find({ collection: 'payouts', where: { assignment: { equals: id } }, limit: 10, select: {}, ...as }),
    payload.find({ collection: 'reminder-logs', where: { assignment: { equals: id } }, limit: 500, sort: 'createdAt', ...as }),
  ])
  const of = (entity: string, ids: (number | string)[]): Where[] =>
    ids.length ? [{ and: [{ entity: { equals: entity } }, { entityId: { in: ids.map(String) } }] }] : []
  const events = await payload.find({
    collection: 'audit-events',
    where: {
      or: [
        ...of('assignments', [id]),
        ...of('schedule-proposals', proposals.docs.map((p) => p.id)),
        ...of('payouts', payouts.docs.map((p) => p.id)),
      ],
    },
    sort: 'at',
    limit: 500,
    ...as,
  })
  const timeZone = assignment.timeZone ?? 'UTC'
  const entries = [...events.docs.map(fromEvent), ...reminders.docs.map(fromReminder)].sort((a, b) => a.at.localeCompare(b.at))

  return (
    <div className="field-type jl-timeline" data-testid="assignment-timeline">
      <h3>Timeline</h3>
      <p className="jl-muted">Audit events and reminders together, times in {timeZone}.</p>
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
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i} className={`jl-${e.kind}`}>
                <td>
                  <time dateTime={e.at}>{formatInZone(new Date(e.at), timeZone)}</time>
                </td>
                <td>{e.kind === 'event' ? 'Audit' : 'Reminder'}</td>
                <td>{e.what}</td>
                <td>{e.detail}</td>
                <td>{e.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
