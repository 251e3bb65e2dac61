import type { PayloadRequest } from 'payload'

import { notificationsFor, type PlanDetails } from '../../domain/eventNotifications'
import { sqlOf } from '../../db/sql'
import { inviteFor, visitDetails } from '../../services/calendar/visit'
import { emit, type EventDetails } from '../../services/notifications'
import { opsUserIds } from '../../services/notifications/recipients'
import type { Assignment } from '../../payload-types'
import type { RecipientRole } from '../../templates'
import type { DomainEvent } from '.'

const instant = (v: string | null | undefined) => (v ? new Date(v) : null)

/** The plan's plain facts as the templates take them (instants as Dates). */
const asDetails = (d: PlanDetails = {}): EventDetails => ({
  ...(d.note ? { note: d.note } : {}),
  ...(d.windows ? { windows: d.windows.map((w) => ({ start: new Date(w.start), end: new Date(w.end) })) } : {}),
  ...(d.previousVisit ? { previousVisit: { start: new Date(d.previousVisit.start), end: instant(d.previousVisit.end) } } : {}),
  ...(d.outcome ? { outcome: d.outcome } : {}),
  ...(d.eta ? { eta: { minutes: d.eta.minutes, at: new Date(d.eta.at) } } : {}),
})

/**
 * Records the notifications an event asks for (src/domain/eventNotifications.ts), rendered from their templates, with
 * the visit's calendar invite where the plan wants one, and queues their delivery — all in the action's transaction.
 * The dedupe key carries the event id, so the same event can never notify twice.
 */
export async function queueNotifications(req: PayloadRequest, event: DomainEvent): Promise<void> {
  const plans = notificationsFor(event)
  if (!plans.length) return
  const ops = plans.some((p) => p.to.includes('ops')) ? await opsUserIds(await sqlOf(req)) : []
  const partyId: Record<Exclude<RecipientRole, 'ops'>, number | null> = { customer: event.customerId, provider: event.providerId }
  for (const plan of plans) {
    const to = plan.to.flatMap((role): { userId: number; role: RecipientRole }[] =>
      role === 'ops' ? ops.map((userId) => ({ userId, role })) : partyId[role] ? [{ userId: partyId[role]!, role }] : [],
    )
    if (!to.length) continue
    // the assignment as the action wrote it, when it was the action's record; else read
    const written = event.entity === 'assignments' ? (event.data.assignment as Assignment | undefined) : undefined
    // a message with a calendar invite goes to each recipient on its own: the invite says what that reader may see
    const invite = plan.invite && event.assignmentId ? plan.invite : null
    for (const group of invite ? to.map((r) => [r]) : [to]) {
      const reader = invite && group[0].role !== 'ops' ? { id: group[0].userId, role: group[0].role } : null
      const visit = invite ? await visitDetails(req, written ?? event.assignmentId!, reader) : null
      await emit(req, {
        kind: plan.kind,
        assignmentId: event.assignmentId ?? undefined,
        quoteId: event.assignmentId ? undefined : (event.quoteId ?? undefined),
        customerId: event.customerId ?? undefined,
        providerId: event.providerId ?? undefined,
        to: group,
        occurrence: `e${event.id}`,
        details: asDetails(plan.details),
        ics: visit && invite ? { method: invite, content: inviteFor(visit, invite) } : null,
      })
    }
  }
}
