import type { PayloadRequest } from 'payload'

import type { REMINDER_KINDS } from '../../collections/ReminderLogs'

export type NotificationKind = (typeof REMINDER_KINDS)[number]
export type RecipientRole = 'customer' | 'provider' | 'ops'

export type NotifyInput = {
  kind: NotificationKind
  assignmentId?: number
  quoteId?: number
  /** The parties the log rows belong to, so each of them (and Ops) can read the history. */
  customerId?: number
  providerId?: number
  to: { userId: number; role: RecipientRole }[]
  /** Makes the dedupe key unique per occurrence of the event (e.g. `v3` for the assignment's version 3). */
  occurrence: string
  subject: string
  text: string
  ics?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string }
}

/**
 * Records one notification per recipient in `reminder-logs` (unique dedupe key: the same event is never recorded or
 * sent twice) and queues its delivery in the caller's transaction, so nothing is sent for a change that rolls back.
 * A recipient who turned email off gets a `suppressed` row with reason `opted_out` instead.
 */
export async function notify(req: PayloadRequest, input: NotifyInput): Promise<void> {
  for (const { userId, role } of input.to) {
    const dedupeKey = `${input.kind}:${input.assignmentId ?? `q${input.quoteId}`}:${input.occurrence}:${role}:${userId}:email`
    const existing = await req.payload.find({
      collection: 'reminder-logs',
      where: { dedupeKey: { equals: dedupeKey } },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    if (existing.docs.length) continue
    const user = await req.payload.findByID({ collection: 'users', id: userId, depth: 0, req, overrideAccess: true, disableErrors: true })
    if (!user) continue
    const optedOut = user.notifications?.email === false
    const log = await req.payload.create({
      collection: 'reminder-logs',
      data: {
        kind: input.kind,
        channel: 'email',
        assignment: input.assignmentId ?? null,
        quote: input.quoteId ?? null,
        customer: input.customerId ?? null,
        provider: input.providerId ?? null,
        recipient: userId,
        recipientAddress: user.email,
        status: optedOut ? 'suppressed' : 'pending',
        reason: optedOut ? 'opted_out' : null,
        dedupeKey,
        scheduledFor: new Date().toISOString(),
        subject: input.subject,
        body: input.text,
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    if (optedOut) continue
    await req.payload.jobs.queue({
      task: 'sendNotification',
      input: { logId: log.id, icsMethod: input.ics?.method ?? null, ics: input.ics?.content ?? null },
      req,
    })
  }
}
