import type { PayloadRequest } from 'payload'

import { env } from '../../env'
import { render, type NotificationKind, type RecipientRole, type TemplateContext } from '../../templates'
import { sqlOf } from '../actions/transaction'
import { type EventDetails, loadTemplateContext } from './context'
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
  /** The parties the log rows belong to, so each of them (and Ops) can read the history. */
  customerId?: number
  providerId?: number
  to: { userId: number; role: RecipientRole }[]
  /** Makes the dedupe key unique per occurrence of the event (e.g. `v3` for the assignment's version 3). */
  occurrence: string
  /** Email text written by the caller; without it the kind's template renders the email. SMS always uses the template. */
  message?: { subject: string; text: string }
  /** What the template needs that the database does not hold (the old time of a moved visit, a typed reason, ...). */
  details?: EventDetails
  ics?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string }
}

/**
 * Records one notification per recipient and channel in `reminder-logs` (a unique dedupe key: the same event is never
 * recorded or sent twice) and queues its delivery in the caller's transaction, so nothing is sent for a change that
 * rolls back. A channel the recipient turned off gets a `suppressed` row with reason `opted_out`. Event messages are
 * rendered now, in the job's time zone, because they describe this moment.
 */
export async function emit(req: PayloadRequest, event: NotificationEvent): Promise<RecordedLog[]> {
  const db = await sqlOf(req)
  const config = env()
  const now = new Date()
  const users = await loadRecipients(db, [...new Set(event.to.map((t) => t.userId))])
  const logs: NewNotificationLog[] = []
  for (const { userId, role } of event.to) {
    const user = users.get(userId)
    if (!user) {
      logLine('warn', 'notification.no_recipient', { kind: event.kind, userId, assignmentId: event.assignmentId })
      continue
    }
    // Loaded only when a template renders something: callers of notify() usually bring their own email text.
    let context: TemplateContext | null | undefined
    const contextNow = async () =>
      context !== undefined
        ? context
        : (context = await loadTemplateContext(db, {
            kind: event.kind,
            assignmentId: event.assignmentId,
            quoteId: event.quoteId,
            recipient: { name: user.name, role },
            details: event.details,
            appUrl: config.serverUrl,
            overdueSlaMinutes: config.reminders.overdueMinutes,
            now,
          }))
    for (const { channel, address, optedOut } of channelsFor(user)) {
      const rendered = optedOut || (channel === 'email' && event.message) ? null : await contextNow()
      const message =
        channel === 'email' && event.message
          ? { subject: event.message.subject, text: event.message.text }
          : rendered
            ? render(event.kind, channel, rendered)
            : null
      logs.push({
        kind: event.kind,
        channel,
        dedupeKey: `${event.kind}:${event.assignmentId ?? `q${event.quoteId}`}:${event.occurrence}:${role}:${userId}:${channel}`,
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
      })
    }
  }
  const recorded = await recordNotifications(db, logs)
  await queueDeliveries(
    db,
    recorded
      .filter((r) => r.status === 'pending')
      .map((r) => ({ logId: r.id, ics: event.ics?.content ?? null, icsMethod: event.ics?.method ?? null })),
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

export type NotifyInput = Omit<NotificationEvent, 'message'> & {
  /** Email subject and text as the caller wrote them; when both are missing the kind's template renders them. */
  subject?: string
  text?: string
}

/** `emit` for callers that write their own email text (the scheduling and payment actions). */
export async function notify(req: PayloadRequest, input: NotifyInput): Promise<void> {
  const { subject, text, ...event } = input
  await emit(req, { ...event, message: subject !== undefined && text !== undefined ? { subject, text } : undefined })
}
