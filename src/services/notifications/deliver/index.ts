import type { Payload } from 'payload'

import { whileDatabaseDown } from '../../../db/connectionErrors'
import { dbOf, inDbTransaction } from '../../../db/sql'
import type { SuppressionReason } from '../../../domain/suppressions'
import { CHANNELS } from '../channels'
import { decide } from '../decide'
import { errorMessage, logLine } from '../log'
import { overDailyCap } from './dailyCap'
import { messagesFor, readFacts } from './facts'
import { claim, defer, recordFailures, recordSent, recordSentAndCountAttempts, release, suppress } from './rows'
import type { DeliveryOptions, DeliveryOutcome, Message, Sent, ToSend } from './types'

export type { DeliveryOptions, DeliveryOutcome } from './types'

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
    await defer(tx, deferred, workerId)
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
  // What was sent is recorded even across a database restart, while the claim is still ours: lost, those messages
  // would go out again after the lease (every lane's last group — the whole duplicate count of a restart).
  const keep = <T>(write: () => Promise<T>) =>
    whileDatabaseDown(write, {
      until: claimedAt + Math.floor(settings.leaseMs * 0.9),
      onRetry: (error) => logLine('warn', 'notification.record_waiting', { workerId, error: errorMessage(error) }),
    })
  let unrecorded: Sent[] = [] // sent, written as sent together with the next group's attempts (or at the end)
  for (let i = 0; i < toSend.length; i += SEND_GROUP) {
    if (Date.now() > startBy) {
      await keep(() => recordSent(db, unrecorded, workerId))
      unrecorded = []
      await release(db, toSend.slice(i).map((t) => t.claimed.id), workerId, false)
      for (const t of toSend.slice(i)) outcomes.set(t.claimed.id, { outcome: 'released' })
      logReleased(toSend.slice(i))
      break
    }
    const group = toSend.slice(i, i + SEND_GROUP)
    const attempts = await keep(() => recordSentAndCountAttempts(db, unrecorded, group, workerId))
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
        unrecorded.push({ t })
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
  await keep(() => recordSent(db, unrecorded, workerId))
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
      ics: t.claimed.ics && !message.withoutInvite ? { method: t.claimed.icsMethod ?? 'REQUEST', content: t.claimed.ics } : null,
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

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Send timed out after ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
