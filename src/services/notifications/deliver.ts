import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { nextAttemptAt, shouldRetry } from '../../domain/backoff'
import type { ReminderSettings } from '../../domain/reminderSettings'
import type { SuppressionReason } from '../../domain/suppressions'
import { isNotificationKind, render, type ChannelName, type NotificationKind } from '../../templates'
import { CHANNELS } from './channels'
import { loadTemplateContexts } from './context'
import { type Db, date, dbOf, inDbTransaction, num, str } from './db'
import { allotDailyCap, capKey, decide, type SendFacts } from './decide'
import { isScheduledReminder, SCHEDULED_REMINDER_KINDS } from './kinds'
import { errorMessage, logLine } from './log'
import { queueDeliveries } from './queue'
import { asRecipientRole, recipientFromRow } from './recipients'

export type DeliveryOutcome =
  | { outcome: 'not_claimed' }
  | { outcome: 'released' }
  | { outcome: 'sent'; attempts: number }
  | { outcome: 'suppressed'; reason: SuppressionReason }
  | { outcome: 'deferred'; until: Date }
  | { outcome: 'retry'; attempts: number; nextAttemptAt: Date; error: string }
  | { outcome: 'failed'; attempts: number; error: string }

export type DeliveryOptions = {
  settings: ReminderSettings
  /** Who holds the claim: written to claimed_by, and every later write is guarded by it. */
  workerId: string
  appUrl: string
  /** An invite to attach (single-notification deliveries of events only). */
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
}

type Facts = SendFacts & { jobId: number | null; recipientId: number | null }
type ToSend = { claimed: Claimed; facts: Facts; address: string }
type Message = { subject: string | null; text: string }

/**
 * Sends are recorded in groups this size: the group's attempts are counted just before it goes out, and what it sent is
 * recorded with the next group's count, one statement for both. A worker killed mid-batch has at most one group per
 * lane sent but not yet recorded, which goes out again after the lease: no sender can do better than at-least-once
 * across a crash, and this bounds how much. Measured (docs/performance.md): 10 a group costs the pipeline ~60% of its
 * throughput against 25, since each statement costs far more than a send through a fast transport.
 */
export const SEND_GROUP = 25

/** Delivers one recorded notification; see deliverNotifications. */
export async function deliverNotification(payload: Payload, logId: number, opts: DeliveryOptions): Promise<DeliveryOutcome> {
  return (await deliverNotifications(payload, [logId], opts)).get(logId) ?? { outcome: 'not_claimed' }
}

/**
 * Delivers a batch of recorded notifications, safely under any number of concurrent or repeated runs:
 *
 * 1. In one transaction: claim the rows (UPDATE … WHERE status = 'pending' AND the lease is free … RETURNING), re-read
 *    their assignments, quotes and recipients in one query, and decide each — suppress with a reason, defer past quiet
 *    hours (re-queued, never dropped), or send. For reminders the daily cap is counted under advisory locks on
 *    (job, recipient, channel), taken in one sorted order so two workers cannot both take the last slot or deadlock.
 * 2. Render what has no recorded text (one query per table for the whole batch), then send one at a time — the worker's
 *    lanes are what runs sends in parallel — with a time limit below the lease, in groups of SEND_GROUP: one statement
 *    records the previous group sent and counts the next group's attempts (only rows still pending and ours: a
 *    reminder a cancellation suppressed meanwhile is not sent). A send not started within a quarter of the lease is
 *    handed back untouched for the next dispatch, so a slow channel never lets a claim expire under a message.
 * 3. Record `sent`, or retry with exponential backoff (a new job at the next attempt), or `failed` with the error.
 *
 * Only the claim holder writes an outcome, so a job run twice (Payload 3's queue can) sends once.
 */
export async function deliverNotifications(payload: Payload, logIds: number[], opts: DeliveryOptions): Promise<Map<number, DeliveryOutcome>> {
  const { settings, workerId } = opts
  const outcomes = new Map<number, DeliveryOutcome>()
  const claimedAt = Date.now()
  const now = new Date(claimedAt)
  const toSend = await inDbTransaction(payload, async (tx) => {
    const claimed = await claim(tx, logIds, workerId, settings.leaseMs)
    if (!claimed.length) return []
    const facts = await readFacts(tx, claimed)
    const suppressed: { id: number; reason: SuppressionReason }[] = []
    const deferred: { id: number; until: Date }[] = []
    const candidates: ToSend[] = []
    for (const c of claimed) {
      const f = facts.get(c.id)!
      const decision = decide(f, { now, quietHours: settings.quietHours, overdueSlaMinutes: settings.overdueMinutes })
      if (decision.action === 'suppress') suppressed.push({ id: c.id, reason: decision.reason })
      else if (decision.action === 'defer') deferred.push({ id: c.id, until: decision.until })
      else candidates.push({ claimed: c, facts: f, address: decision.address })
    }
    const capped = await overDailyCap(tx, candidates, settings.maxPerJobPerDay)
    suppressed.push(...capped.map((id) => ({ id, reason: 'rate_limited' as const })))
    await suppress(tx, suppressed, workerId)
    await defer(tx, deferred, workerId, opts)
    for (const s of suppressed) outcomes.set(s.id, { outcome: 'suppressed', reason: s.reason })
    for (const d of deferred) outcomes.set(d.id, { outcome: 'deferred', until: d.until })
    const cappedIds = new Set(capped)
    return candidates.filter((c) => !cappedIds.has(c.claimed.id))
  })
  for (const [logId, o] of outcomes) logLine('info', `notification.${o.outcome}`, { logId, ...o })

  const db = dbOf(payload)
  const messages = await messagesFor(db, toSend, opts)
  const sendTimeoutMs = Math.max(1000, Math.floor(settings.leaseMs / 2))
  const startBy = claimedAt + Math.floor(settings.leaseMs / 4)
  let unrecorded: Sent[] = [] // sent, written as sent together with the next group's attempts (or at the end)
  for (let i = 0; i < toSend.length; i += SEND_GROUP) {
    if (Date.now() > startBy) {
      await recordSent(db, unrecorded, workerId)
      unrecorded = []
      await release(db, toSend.slice(i).map((t) => t.claimed.id), workerId, false)
      for (const t of toSend.slice(i)) outcomes.set(t.claimed.id, { outcome: 'released' })
      logReleased(toSend.slice(i))
      break
    }
    const group = toSend.slice(i, i + SEND_GROUP)
    const attempts = await recordSentAndCountAttempts(db, unrecorded, group, workerId)
    unrecorded = []
    const failures: { t: ToSend; error: string }[] = []
    const late: ToSend[] = []
    for (const t of group) {
      const id = t.claimed.id
      if (!attempts.has(id)) {
        outcomes.set(id, { outcome: 'not_claimed' })
        continue
      }
      if (Date.now() > startBy) {
        late.push(t)
        continue
      }
      const message = messages.get(id)!
      try {
        await sendOne(payload, t, message, attempts.get(id)!, { ...opts, timeoutMs: sendTimeoutMs })
        unrecorded.push({ t, message: message as Message })
        outcomes.set(id, { outcome: 'sent', attempts: attempts.get(id)! })
      } catch (error) {
        failures.push({ t, error: errorMessage(error) })
      }
    }
    if (late.length) {
      await release(db, late.map((t) => t.claimed.id), workerId, true)
      for (const t of late) outcomes.set(t.claimed.id, { outcome: 'released' })
      logReleased(late)
    }
    for (const [id, o] of await recordFailures(payload, failures, attempts, opts)) outcomes.set(id, o)
  }
  await recordSent(db, unrecorded, workerId)
  return outcomes
}

/** A batch ran out of time (a slow channel): say so, since it delays reminders until the next dispatch. */
const logReleased = (rows: ToSend[]) =>
  logLine('warn', 'notification.released', { logIds: rows.map((t) => t.claimed.id), reason: 'batch passed a quarter of REMINDER_LEASE_MS' })

/** One message through its channel within the time limit; throws what the channel (or the render) threw. */
async function sendOne(payload: Payload, t: ToSend, message: Message | Error, attempts: number, opts: DeliveryOptions & { timeoutMs: number }) {
  if (message instanceof Error) throw message
  const receipt = await withTimeout(
    CHANNELS[t.claimed.channel].send(payload, {
      logId: t.claimed.id,
      kind: t.claimed.kind,
      dedupeKey: t.claimed.dedupeKey,
      to: t.address,
      subject: message.subject,
      text: message.text,
      ics: opts.ics ? { method: opts.icsMethod ?? 'REQUEST', content: opts.ics } : null,
    }),
    opts.timeoutMs,
  )
  logLine('info', 'notification.sent', {
    logId: t.claimed.id,
    kind: t.claimed.kind,
    channel: t.claimed.channel,
    to: t.address,
    attempts,
    providerMessageId: receipt.providerMessageId,
  })
}

/** Takes the rows that are pending, due and not held by a live claim; skips those someone else has or that are done. */
async function claim(tx: Db, logIds: number[], workerId: string, leaseMs: number): Promise<Claimed[]> {
  if (!logIds.length) return []
  // Joined to the id list rather than `id = ANY(…)`: with statistics a burst has made stale, the planner would
  // otherwise walk every pending row through the partial index for each batch.
  const { rows } = await tx.execute(sql`
    UPDATE reminder_logs l SET claimed_by = ${workerId}, lease_until = now() + ${leaseMs} * interval '1 millisecond'
    FROM unnest(${sql.param(logIds)}::int[]) AS v(id)
    WHERE l.id = v.id AND l.status = 'pending'
      AND (l.next_attempt_at IS NULL OR l.next_attempt_at <= now() + interval '1 second')
      AND (l.lease_until IS NULL OR l.lease_until < now())
    RETURNING l.id, l.kind, l.channel, l.dedupe_key, l.assignment_id, l.quote_id, l.subject, l.body`)
  return rows
    .filter((r) => isNotificationKind(r.kind))
    .map((r): Claimed => ({
      id: num(r.id),
      kind: r.kind as NotificationKind,
      channel: r.channel === 'sms' ? 'sms' : 'email',
      dedupeKey: String(r.dedupe_key),
      assignmentId: r.assignment_id == null ? null : num(r.assignment_id),
      quoteId: r.quote_id == null ? null : num(r.quote_id),
      subject: str(r.subject),
      body: str(r.body),
    }))
    .sort((a, b) => a.id - b.id)
}

/** What is true now about each claimed row's assignment, quote and recipient: one query for the batch. */
async function readFacts(tx: Db, claimed: Claimed[]): Promise<Map<number, Facts>> {
  const { rows } = await tx.execute(sql`
    SELECT l.id AS log_id, l.planned_start, l.recipient_id,
      a.status AS a_status, a.scheduled_start AS a_start, a.scheduled_end AS a_end, a.version AS a_version,
      a.timestamps_accepted_at AS a_accepted, a.timestamps_provider_completed_at AS a_completed,
      q.status AS q_status, coalesce(a.job_id, q.job_id) AS job_id,
      u.id, u.role, u.name, u.email, u.phone, u.time_zone, u.notifications_email, u.notifications_sms
    FROM reminder_logs l
      LEFT JOIN assignments a ON a.id = l.assignment_id
      LEFT JOIN quotes q ON q.id = l.quote_id
      LEFT JOIN users u ON u.id = l.recipient_id
    WHERE l.id = ANY(${sql.param(claimed.map((c) => c.id))}::int[])`)
  const byLog = new Map(rows.map((r) => [num(r.log_id), r]))
  return new Map(
    claimed.map((c) => {
      const r = byLog.get(c.id) ?? {}
      const facts: Facts = {
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
      return [c.id, facts]
    }),
  )
}

async function suppress(tx: Db, rows: { id: number; reason: SuppressionReason }[], workerId: string) {
  if (!rows.length) return
  await tx.execute(sql`
    UPDATE reminder_logs l SET status = 'suppressed', reason = v.reason, lease_until = NULL, updated_at = now()
    FROM unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(rows.map((r) => r.reason))}::text[]) AS v(id, reason)
    WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
}

/** Quiet hours: the row waits, unclaimed, with a job queued for the instant it may go. */
async function defer(tx: Db, rows: { id: number; until: Date }[], workerId: string, opts: DeliveryOptions) {
  if (!rows.length) return
  await tx.execute(sql`
    UPDATE reminder_logs l SET next_attempt_at = v.until, reason = 'quiet_hours', claimed_by = NULL, lease_until = NULL
    FROM unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(rows.map((r) => r.until.toISOString()))}::timestamptz[]) AS v(id, until)
    WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
  await queueDeliveries(tx, rows.map((r) => ({ logId: r.id, waitUntil: r.until, ics: opts.ics, icsMethod: opts.icsMethod })))
}

/**
 * The reminders of this batch that would take a job and recipient past REMINDER_MAX_PER_JOB_PER_DAY on a channel in
 * the last 24 hours, counting ones other workers are sending right now. The advisory locks (held to commit, taken in
 * sorted order) make count-then-take atomic across workers.
 */
async function overDailyCap(tx: Db, candidates: ToSend[], max: number): Promise<number[]> {
  const guarded = candidates.filter((c) => isScheduledReminder(c.claimed.kind) && c.facts.jobId !== null && c.facts.recipientId !== null)
  if (!guarded.length) return []
  const keys = [...new Set(guarded.map((c) => capKey(c.facts.jobId!, c.facts.recipientId!, c.claimed.channel)))].sort()
  await tx.execute(sql`
    SELECT count(pg_advisory_xact_lock(hashtext(k)))
    FROM (SELECT 'reminder-cap:' || k AS k FROM unnest(${sql.param(keys)}::text[]) AS k ORDER BY 1) AS sorted`)
  // Reached from the batch's jobs (their assignments and quotes), so the count reads only those jobs' reminders however
  // many a recipient has elsewhere; a row with an assignment belongs to that assignment's job.
  const jobIds = [...new Set(guarded.map((c) => c.facts.jobId!))]
  const { rows } = await tx.execute(sql`
    WITH jobs_reminders AS (
      SELECT a.job_id, l.id, l.recipient_id, l.channel, l.kind, l.status, l.sent_at, l.lease_until, l.attempts
      FROM assignments a JOIN reminder_logs l ON l.assignment_id = a.id
      WHERE a.job_id = ANY(${sql.param(jobIds)}::int[])
      UNION ALL
      SELECT q.job_id, l.id, l.recipient_id, l.channel, l.kind, l.status, l.sent_at, l.lease_until, l.attempts
      FROM quotes q JOIN reminder_logs l ON l.quote_id = q.id AND l.assignment_id IS NULL
      WHERE q.job_id = ANY(${sql.param(jobIds)}::int[]))
    SELECT job_id, recipient_id, channel, count(*)::int AS n FROM jobs_reminders l
    WHERE l.recipient_id = ANY(${sql.param([...new Set(guarded.map((c) => c.facts.recipientId!))])}::int[])
      AND l.kind = ANY(${sql.param([...SCHEDULED_REMINDER_KINDS])}::text[])
      AND NOT (l.id = ANY(${sql.param(guarded.map((c) => c.claimed.id))}::int[]))
      AND ((l.status = 'sent' AND l.sent_at > now() - interval '24 hours')
        OR (l.status = 'pending' AND l.lease_until > now() AND l.attempts > 0))
    GROUP BY 1, 2, 3`)
  const already = new Map(rows.map((r) => [capKey(num(r.job_id), num(r.recipient_id), String(r.channel)), num(r.n)]))
  return allotDailyCap(
    guarded.map((c) => ({ id: c.claimed.id, key: capKey(c.facts.jobId!, c.facts.recipientId!, c.claimed.channel) })),
    already,
    max,
  )
}

/**
 * The text of each message: as recorded (events are rendered when they happen), else rendered now from what is true
 * now. A message that cannot be rendered (its assignment or quote is gone) is an Error, handled as a failed send.
 */
async function messagesFor(db: Db, toSend: ToSend[], opts: DeliveryOptions): Promise<Map<number, Message | Error>> {
  const messages = new Map<number, Message | Error>()
  const toRender = toSend.filter((t) => !t.claimed.body)
  for (const t of toSend) if (t.claimed.body) messages.set(t.claimed.id, { subject: t.claimed.subject, text: t.claimed.body })
  if (!toRender.length) return messages
  const contexts = await loadTemplateContexts(
    db,
    toRender.map((t) => ({
      kind: t.claimed.kind,
      assignmentId: t.claimed.assignmentId,
      quoteId: t.claimed.quoteId,
      recipient: { name: t.facts.recipient?.name ?? '', role: asRecipientRole(t.facts.recipient?.role ?? 'customer') },
    })),
    { appUrl: opts.appUrl, overdueSlaMinutes: opts.settings.overdueMinutes },
  )
  toRender.forEach((t, i) => {
    const context = contexts[i]
    messages.set(
      t.claimed.id,
      context
        ? render(t.claimed.kind, t.claimed.channel, context)
        : new Error(`Nothing to render: the ${t.claimed.assignmentId ? 'assignment' : 'quote'} is gone.`),
    )
  })
  return messages
}

type Sent = { t: ToSend; message: Message }

/**
 * One round trip per group: records the previous group's messages as sent (and on their assignments when the worker
 * last reminded or nudged), and counts an attempt for each row of the next group still held, just before it goes out.
 * Answers the next group's new attempt numbers.
 */
async function recordSentAndCountAttempts(db: Db, sent: Sent[], next: ToSend[], workerId: string): Promise<Map<number, number>> {
  const { rows } = await db.execute(sql`
    WITH ${sentWrites(sent, workerId)},
    attempt AS (
      UPDATE reminder_logs l SET attempts = coalesce(l.attempts, 0) + 1, recipient_address = v.address
      FROM unnest(${sql.param(next.map((t) => t.claimed.id))}::int[], ${sql.param(next.map((t) => t.address))}::text[]) AS v(id, address)
      WHERE l.id = v.id AND l.claimed_by = ${workerId} AND l.status = 'pending'
      RETURNING l.id, l.attempts)
    SELECT id, attempts FROM attempt`)
  return new Map(rows.map((r) => [num(r.id), num(r.attempts)]))
}

/** Records the last group's sent messages on their own. */
async function recordSent(db: Db, sent: Sent[], workerId: string) {
  if (sent.length) await db.execute(sql`WITH ${sentWrites(sent, workerId)} SELECT 1`)
}

/**
 * The CTEs that mark `sent` rows sent — written even if a cancellation suppressed the row meanwhile: it did go out, and
 * the log tells the truth — and stamp their assignments' last reminder (and nudge) time.
 */
function sentWrites(sent: Sent[], workerId: string) {
  const reminded = sent.filter((s) => s.t.claimed.assignmentId && isScheduledReminder(s.t.claimed.kind))
  return sql`
    sent AS (
      UPDATE reminder_logs l SET status = 'sent', sent_at = now(), subject = v.subject, body = v.body,
        error = NULL, reason = NULL, lease_until = NULL, updated_at = now()
      FROM unnest(${sql.param(sent.map((s) => s.t.claimed.id))}::int[], ${sql.param(sent.map((s) => s.message.subject))}::text[],
        ${sql.param(sent.map((s) => s.message.text))}::text[]) AS v(id, subject, body)
      WHERE l.id = v.id AND l.claimed_by = ${workerId}
      RETURNING l.id),
    reminded AS (
      UPDATE assignments a SET reminders_last_reminder_at = now(),
        reminders_completion_nudged_at = CASE WHEN v.kind = 'completion_nudge' THEN now() ELSE a.reminders_completion_nudged_at END,
        reminders_verification_nudged_at = CASE WHEN v.kind = 'verification_nudge' THEN now() ELSE a.reminders_verification_nudged_at END
      FROM (SELECT DISTINCT ON (id) id, kind
        FROM unnest(${sql.param(reminded.map((s) => s.t.claimed.assignmentId!))}::int[], ${sql.param(reminded.map((s) => s.t.claimed.kind))}::text[]) AS u(id, kind)
        ORDER BY id, kind) AS v
      WHERE a.id = v.id
      RETURNING a.id)`
}

/**
 * Hands rows back unsent (the send deadline passed): unclaimed and, when their attempt was already counted,
 * uncounted, so the next dispatch queues them again as if nothing happened.
 */
async function release(db: Db, ids: number[], workerId: string, uncount: boolean) {
  if (!ids.length) return
  await db.execute(sql`
    UPDATE reminder_logs SET claimed_by = NULL, lease_until = NULL,
      attempts = CASE WHEN ${uncount} THEN greatest(coalesce(attempts, 1) - 1, 0) ELSE attempts END
    WHERE id = ANY(${sql.param(ids)}::int[]) AND claimed_by = ${workerId} AND status = 'pending'`)
}

/** Failed sends: retried with exponential backoff (a new job at the next attempt) or, out of attempts, `failed`. */
async function recordFailures(
  payload: Payload,
  failures: { t: ToSend; error: string }[],
  attempts: Map<number, number>,
  opts: DeliveryOptions,
): Promise<Map<number, DeliveryOutcome>> {
  const outcomes = new Map<number, DeliveryOutcome>()
  if (!failures.length) return outcomes
  const { settings, workerId } = opts
  const retries = failures
    .filter((f) => shouldRetry(attempts.get(f.t.claimed.id)!, settings.maxAttempts))
    .map((f) => ({ ...f, next: nextAttemptAt(new Date(), attempts.get(f.t.claimed.id)!, { baseMs: settings.retryBaseMs }) }))
  const retried = new Set(retries.map((r) => r.t.claimed.id))
  const failed = failures.filter((f) => !retried.has(f.t.claimed.id))
  if (retries.length) {
    await inDbTransaction(payload, async (tx) => {
      await tx.execute(sql`
        UPDATE reminder_logs l SET error = v.error, next_attempt_at = v.next, claimed_by = NULL, lease_until = NULL
        FROM unnest(${sql.param(retries.map((r) => r.t.claimed.id))}::int[], ${sql.param(retries.map((r) => r.error))}::text[],
          ${sql.param(retries.map((r) => r.next.toISOString()))}::timestamptz[]) AS v(id, error, next)
        WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
      await queueDeliveries(tx, retries.map((r) => ({ logId: r.t.claimed.id, waitUntil: r.next, ics: opts.ics, icsMethod: opts.icsMethod })))
    })
  }
  if (failed.length) {
    await dbOf(payload).execute(sql`
      UPDATE reminder_logs l SET status = 'failed', error = v.error, lease_until = NULL, updated_at = now()
      FROM unnest(${sql.param(failed.map((f) => f.t.claimed.id))}::int[], ${sql.param(failed.map((f) => f.error))}::text[]) AS v(id, error)
      WHERE l.id = v.id AND l.claimed_by = ${workerId}`)
  }
  for (const r of retries) {
    const n = attempts.get(r.t.claimed.id)!
    outcomes.set(r.t.claimed.id, { outcome: 'retry', attempts: n, nextAttemptAt: r.next, error: r.error })
    logLine('warn', 'notification.retry', { logId: r.t.claimed.id, kind: r.t.claimed.kind, channel: r.t.claimed.channel, attempts: n, nextAttemptAt: r.next, error: r.error })
  }
  for (const f of failed) {
    const n = attempts.get(f.t.claimed.id)!
    outcomes.set(f.t.claimed.id, { outcome: 'failed', attempts: n, error: f.error })
    logLine('error', 'notification.failed', { logId: f.t.claimed.id, kind: f.t.claimed.kind, channel: f.t.claimed.channel, attempts: n, error: f.error })
  }
  return outcomes
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Send timed out after ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
