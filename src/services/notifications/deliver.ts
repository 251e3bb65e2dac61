import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { nextAttemptAt, shouldRetry } from '../../domain/backoff'
import type { ReminderSettings } from '../../domain/reminderSettings'
import { isNotificationKind, render, type ChannelName, type NotificationKind } from '../../templates'
import { CHANNELS } from './channels'
import { loadTemplateContext } from './context'
import { type Db, date, dbOf, inDbTransaction, num, str } from './db'
import { decide, type SendFacts } from './decide'
import { isScheduledReminder, SCHEDULED_REMINDER_KINDS } from './kinds'
import { errorMessage, logLine } from './log'
import { queueDeliveries } from './queue'
import { asRecipientRole, recipientFromRow } from './recipients'

export type DeliveryOutcome =
  | { outcome: 'not_claimed' }
  | { outcome: 'sent'; attempts: number }
  | { outcome: 'suppressed'; reason: string }
  | { outcome: 'deferred'; until: Date }
  | { outcome: 'retry'; attempts: number; nextAttemptAt: Date; error: string }
  | { outcome: 'failed'; attempts: number; error: string }

export type DeliveryOptions = {
  settings: ReminderSettings
  /** Who holds the claim: written to claimed_by, and every later write is guarded by it. */
  workerId: string
  appUrl: string
  ics?: string | null
  icsMethod?: string | null
}

type Claimed = {
  id: number
  kind: NotificationKind
  channel: ChannelName
  dedupeKey: string
  assignmentId: number | null
  quoteId: number | null
  subject: string | null
  body: string | null
  attempts: number
}

/**
 * Delivers one recorded notification, safely under any number of concurrent or repeated runs:
 *
 * 1. In one transaction: claim the row (UPDATE … WHERE status = 'pending' AND the lease is free … RETURNING), re-read
 *    the assignment, quote and recipient, and decide — suppress with a reason, defer past quiet hours (re-queued,
 *    never dropped), or send. For reminders the daily cap is counted under an advisory lock on (job, recipient,
 *    channel), so two workers cannot both take the last slot.
 * 2. Send outside the transaction, with a time limit below the lease.
 * 3. Record `sent`, or retry with exponential backoff (a new job at the next attempt), or `failed` with the error.
 *
 * Only the claim holder writes the outcome, so a job run twice (Payload 3's queue can) sends once.
 */
export async function deliverNotification(payload: Payload, logId: number, opts: DeliveryOptions): Promise<DeliveryOutcome> {
  const { settings, workerId } = opts
  const now = new Date()
  const step1 = await inDbTransaction(payload, async (tx) => {
    const claimed = await claim(tx, logId, workerId, settings.leaseMs)
    if (!claimed) return { outcome: 'not_claimed' } as const
    const facts = await readFacts(tx, claimed)
    const decision = decide(facts, { now, quietHours: settings.quietHours, overdueSlaMinutes: settings.overdueMinutes })
    if (decision.action === 'suppress') {
      await suppress(tx, claimed.id, workerId, decision.reason)
      return { outcome: 'suppressed', reason: decision.reason } as const
    }
    if (decision.action === 'defer') {
      await tx.execute(sql`
        UPDATE reminder_logs SET next_attempt_at = ${decision.until.toISOString()}::timestamptz, reason = ${decision.reason},
          claimed_by = NULL, lease_until = NULL
        WHERE id = ${claimed.id} AND claimed_by = ${workerId}`)
      await queueDeliveries(tx, [{ logId: claimed.id, waitUntil: decision.until, ics: opts.ics, icsMethod: opts.icsMethod }])
      return { outcome: 'deferred', until: decision.until } as const
    }
    if (decision.guarded && (await overDailyCap(tx, claimed, facts, settings.maxPerJobPerDay))) {
      await suppress(tx, claimed.id, workerId, 'rate_limited')
      return { outcome: 'suppressed', reason: 'rate_limited' } as const
    }
    const { rows } = await tx.execute(sql`
      UPDATE reminder_logs SET attempts = coalesce(attempts, 0) + 1, recipient_address = ${decision.address}
      WHERE id = ${claimed.id} AND claimed_by = ${workerId} RETURNING attempts`)
    return { outcome: 'send', claimed, facts, address: decision.address, attempts: num(rows[0]?.attempts) } as const
  })

  if (step1.outcome !== 'send') {
    if (step1.outcome !== 'not_claimed') logLine('info', `notification.${step1.outcome}`, { logId, ...step1 })
    return step1
  }

  const { claimed, facts, address, attempts } = step1
  const db = dbOf(payload)
  try {
    const message = await messageFor(db, claimed, facts, opts)
    const receipt = await withTimeout(
      CHANNELS[claimed.channel].send(payload, {
        logId: claimed.id,
        kind: claimed.kind,
        dedupeKey: claimed.dedupeKey,
        to: address,
        subject: message.subject,
        text: message.text,
        ics: opts.ics ? { method: opts.icsMethod ?? 'REQUEST', content: opts.ics } : null,
      }),
      Math.max(1000, Math.floor(settings.leaseMs / 2)),
    )
    // Written even if a cancellation suppressed the row meanwhile: it did go out, and the log tells the truth.
    await db.execute(sql`
      UPDATE reminder_logs SET status = 'sent', sent_at = now(), subject = ${message.subject}, body = ${message.text},
        error = NULL, reason = NULL, lease_until = NULL
      WHERE id = ${claimed.id} AND claimed_by = ${workerId}`)
    await markAssignment(db, claimed)
    logLine('info', 'notification.sent', {
      logId: claimed.id,
      kind: claimed.kind,
      channel: claimed.channel,
      to: address,
      attempts,
      providerMessageId: receipt.providerMessageId,
    })
    return { outcome: 'sent', attempts }
  } catch (error) {
    const message = errorMessage(error)
    if (shouldRetry(attempts, settings.maxAttempts)) {
      const next = nextAttemptAt(new Date(), attempts, { baseMs: settings.retryBaseMs })
      await inDbTransaction(payload, async (tx) => {
        await tx.execute(sql`
          UPDATE reminder_logs SET error = ${message}, next_attempt_at = ${next.toISOString()}::timestamptz,
            claimed_by = NULL, lease_until = NULL
          WHERE id = ${claimed.id} AND claimed_by = ${workerId}`)
        await queueDeliveries(tx, [{ logId: claimed.id, waitUntil: next, ics: opts.ics, icsMethod: opts.icsMethod }])
      })
      logLine('warn', 'notification.retry', { logId: claimed.id, kind: claimed.kind, channel: claimed.channel, attempts, nextAttemptAt: next, error: message })
      return { outcome: 'retry', attempts, nextAttemptAt: next, error: message }
    }
    await db.execute(sql`
      UPDATE reminder_logs SET status = 'failed', error = ${message}, lease_until = NULL
      WHERE id = ${claimed.id} AND claimed_by = ${workerId}`)
    logLine('error', 'notification.failed', { logId: claimed.id, kind: claimed.kind, channel: claimed.channel, attempts, error: message })
    return { outcome: 'failed', attempts, error: message }
  }
}

/** Takes the row if it is pending, due and not held by a live claim; null when someone else has it or it is done. */
async function claim(tx: Db, logId: number, workerId: string, leaseMs: number): Promise<Claimed | null> {
  const { rows } = await tx.execute(sql`
    UPDATE reminder_logs SET claimed_by = ${workerId}, lease_until = now() + ${leaseMs} * interval '1 millisecond'
    WHERE id = ${logId} AND status = 'pending'
      AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '1 second')
      AND (lease_until IS NULL OR lease_until < now())
    RETURNING id, kind, channel, dedupe_key, assignment_id, quote_id, subject, body, attempts`)
  const r = rows[0]
  if (!r || !isNotificationKind(r.kind)) return null
  return {
    id: num(r.id),
    kind: r.kind,
    channel: r.channel === 'sms' ? 'sms' : 'email',
    dedupeKey: String(r.dedupe_key),
    assignmentId: r.assignment_id == null ? null : num(r.assignment_id),
    quoteId: r.quote_id == null ? null : num(r.quote_id),
    subject: str(r.subject),
    body: str(r.body),
    attempts: num(r.attempts),
  }
}

type Facts = SendFacts & { jobId: number | null; recipientId: number | null }

async function readFacts(tx: Db, c: Claimed): Promise<Facts> {
  const { rows } = await tx.execute(sql`
    SELECT l.planned_start, l.recipient_id,
      a.status AS a_status, a.scheduled_start AS a_start, a.scheduled_end AS a_end, a.version AS a_version,
      a.timestamps_accepted_at AS a_accepted, a.timestamps_provider_completed_at AS a_completed,
      q.status AS q_status, coalesce(a.job_id, q.job_id) AS job_id,
      u.id, u.role, u.name, u.email, u.phone, u.time_zone, u.notifications_email, u.notifications_sms
    FROM reminder_logs l
      LEFT JOIN assignments a ON a.id = l.assignment_id
      LEFT JOIN quotes q ON q.id = l.quote_id
      LEFT JOIN users u ON u.id = l.recipient_id
    WHERE l.id = ${c.id}`)
  const r = rows[0] ?? {}
  return {
    kind: c.kind,
    channel: c.channel,
    logId: c.id,
    plannedStart: date(r.planned_start),
    assignment:
      r.a_status == null
        ? null
        : {
            status: String(r.a_status),
            scheduledStart: date(r.a_start),
            scheduledEnd: date(r.a_end),
            version: num(r.a_version),
            acceptedAt: date(r.a_accepted),
            providerCompletedAt: date(r.a_completed),
          },
    quote: r.q_status == null ? null : { status: String(r.q_status) },
    recipient: r.id == null ? null : recipientFromRow(r),
    jobId: r.job_id == null ? null : num(r.job_id),
    recipientId: r.recipient_id == null ? null : num(r.recipient_id),
  }
}

async function suppress(tx: Db, id: number, workerId: string, reason: string) {
  await tx.execute(sql`
    UPDATE reminder_logs SET status = 'suppressed', reason = ${reason}, lease_until = NULL
    WHERE id = ${id} AND claimed_by = ${workerId}`)
}

/**
 * True when this job and recipient already had REMINDER_MAX_PER_JOB_PER_DAY reminders on this channel in the last
 * 24 hours, counting ones being sent right now. The advisory lock (held to commit) makes count-then-take atomic.
 */
async function overDailyCap(tx: Db, c: Claimed, f: Facts, max: number): Promise<boolean> {
  if (f.jobId === null || f.recipientId === null) return false
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`reminder-cap:${f.jobId}:${f.recipientId}:${c.channel}`}))`)
  const { rows } = await tx.execute(sql`
    SELECT count(*)::int AS n FROM reminder_logs l
      LEFT JOIN assignments a ON a.id = l.assignment_id
      LEFT JOIN quotes q ON q.id = l.quote_id
    WHERE l.recipient_id = ${f.recipientId} AND l.channel = ${c.channel} AND l.id <> ${c.id}
      AND l.kind = ANY(${sql.param([...SCHEDULED_REMINDER_KINDS])}::text[])
      AND coalesce(a.job_id, q.job_id) = ${f.jobId}
      AND ((l.status = 'sent' AND l.sent_at > now() - interval '24 hours')
        OR (l.status = 'pending' AND l.lease_until > now() AND l.attempts > 0))`)
  return num(rows[0]?.n) >= max
}

/** The text as recorded (events are rendered when they happen), else rendered now from what is true now. */
async function messageFor(db: Db, c: Claimed, f: Facts, opts: DeliveryOptions): Promise<{ subject: string | null; text: string }> {
  if (c.body) return { subject: c.subject, text: c.body }
  const context = await loadTemplateContext(db, {
    kind: c.kind,
    assignmentId: c.assignmentId,
    quoteId: c.quoteId,
    recipient: { name: f.recipient?.name ?? '', role: asRecipientRole(f.recipient?.role ?? 'customer') },
    appUrl: opts.appUrl,
    overdueSlaMinutes: opts.settings.overdueMinutes,
  })
  if (!context) throw new Error(`Nothing to render: the ${c.assignmentId ? 'assignment' : 'quote'} is gone.`)
  return render(c.kind, c.channel, context)
}

/** The assignment's own record of what the worker did for it (shown in the admin). */
async function markAssignment(db: Db, c: Claimed) {
  if (!c.assignmentId || !isScheduledReminder(c.kind)) return
  const nudged =
    c.kind === 'completion_nudge'
      ? sql`reminders_completion_nudged_at = now(),`
      : c.kind === 'verification_nudge'
        ? sql`reminders_verification_nudged_at = now(),`
        : sql``
  await db.execute(sql`UPDATE assignments SET ${nudged} reminders_last_reminder_at = now() WHERE id = ${c.assignmentId}`)
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Send timed out after ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
