import type { PayloadRequest } from 'payload'

import { env } from '../../env'
import { render, type NotificationKind, type RecipientRole, type TemplateContext } from '../../templates'
import { sqlOf } from '../../db/sql'
import { type EventDetails, loadTemplateContexts } from './context'
import { logLine } from './log'
import { queueDeliveries } from './queue'
import { channelsFor, loadRecipients } from './recipients'
import { type NewNotificationLog, type RecordedLog, recordNotifications } from './record'

export type { NotificationKind, RecipientRole } from '../../templates'
export type { EventDetails } from './context'
export { deliverNotification, deliverNotifications, type DeliveryOutcome } from './deliver'
export { loggingSmsProvider, useSmsProvider, type SmsProvider } from './channels'
export { DELIVER_REMINDERS_TASK, NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_TASK } from './queue'

/** A typed event: who hears about what, once per `occurrence`. */
export type NotificationEvent = {
  kind: NotificationKind
  assignmentId?: number
  quoteId?: number
  /** What an alert is about when it is neither an assignment nor a quote (`webhook-endpoint:7`), for its dedupe key. */
  about?: string
  /** The parties the log rows belong to, so each of them (and Ops) can read the history. */
  customerId?: number
  providerId?: number
  to: { userId: number; role: RecipientRole }[]
  /** Makes the dedupe key unique per occurrence of the event (e.g. `v3` for the assignment's version 3). */
  occurrence: string
  /** What the template needs that the database does not hold (the old time of a moved visit, a typed reason, ...). */
  details?: EventDetails
  /** A calendar invite for the email, stored with the notification so a retry or a recovered send still carries it. */
  ics?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string } | null
}

/**
 * Records one notification per recipient and channel in `reminder-logs` (a unique dedupe key: the same event is never
 * recorded or sent twice) and queues its delivery in the caller's transaction, so nothing is sent for a change that
 * rolls back. A channel the recipient turned off gets a `suppressed` row with reason `opted_out`. Every text comes from
 * the kind's template (src/templates), the function the preview endpoint renders too; event messages are rendered now,
 * in the job's time zone, because they describe this moment.
 */
export async function emit(req: PayloadRequest, event: NotificationEvent): Promise<RecordedLog[]> {
  const db = await sqlOf(req)
  const config = env()
  const now = new Date()
  const users = await loadRecipients(db, [...new Set(event.to.map((t) => t.userId))])
  const logs: NewNotificationLog[] = []
  // What the event is about is read once for every recipient, when a template first renders something (not at all
  // when every recipient opted out); each recipient gets it addressed to them, showing what they may read of the job.
  let contexts: Map<number, TemplateContext | null> | undefined
  const contextFor = async (userId: number): Promise<TemplateContext | null> => {
    if (!contexts) {
      const recipients = event.to.filter((t) => users.has(t.userId))
      const loaded = await loadTemplateContexts(
        db,
        recipients.map(({ userId: id, role }) => ({
          kind: event.kind,
          assignmentId: event.assignmentId,
          quoteId: event.quoteId,
          recipient: { name: users.get(id)!.name, role, id, timeZone: users.get(id)!.timeZone },
          details: event.details,
        })),
        { appUrl: config.serverUrl, overdueSlaMinutes: config.reminders.overdueMinutes, now },
      )
      contexts = new Map(recipients.map((t, i) => [t.userId, loaded[i]]))
    }
    return contexts.get(userId) ?? null
  }
  for (const { userId, role } of event.to) {
    const user = users.get(userId)
    if (!user) {
      logLine('warn', 'notification.no_recipient', { kind: event.kind, userId, assignmentId: event.assignmentId })
      continue
    }
    const contextNow = () => contextFor(userId)
    for (const { channel, address, optedOut } of channelsFor(user, event.kind)) {
      const rendered = optedOut ? null : await contextNow()
      const message = rendered ? render(event.kind, channel, rendered) : null
      logs.push({
        kind: event.kind,
        channel,
        dedupeKey: `${event.kind}:${event.assignmentId ?? (event.quoteId ? `q${event.quoteId}` : event.about)}:${event.occurrence}:${role}:${userId}:${channel}`,
        assignmentId: event.assignmentId,
        quoteId: event.quoteId,
        customerId: event.customerId,
        providerId: event.providerId,
        recipientId: userId,
        recipientAddress: address,
        status: optedOut ? 'suppressed' : 'pending',
        reason: optedOut ? 'opted_out' : null,
        scheduledFor: now,
        plannedStart: rendered?.visit?.start ?? null,
        subject: message?.subject ?? null,
        body: message?.text ?? null,
        ics: channel === 'email' ? (event.ics?.content ?? null) : null,
        icsMethod: channel === 'email' ? (event.ics?.method ?? null) : null,
      })
    }
  }
  const recorded = await recordNotifications(db, logs)
  await queueDeliveries(
    db,
    recorded.filter((r) => r.status === 'pending').map((r) => ({ logId: r.id })),
  )
  logLine('info', 'notification.emitted', {
    kind: event.kind,
    assignmentId: event.assignmentId,
    quoteId: event.quoteId,
    occurrence: event.occurrence,
    recorded: recorded.map((r) => ({ id: r.id, status: r.status })),
    duplicates: logs.length - recorded.length,
  })
  return recorded
}
