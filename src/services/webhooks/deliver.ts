import type { Payload, PayloadRequest } from 'payload'

import { dbOf, inDbTransaction, sqlOf } from '../../db/sql'
import {
  afterFailure,
  disableReason,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  failureRun,
  SIGNATURE_HEADER,
  webhookBody,
} from '../../domain/webhooks'
import type { Env } from '../../env'
import { inTransaction } from '../../operations/transaction'
import { errorMessage, logLine } from '../notifications/log'
import { alertOpsEndpointDisabled } from './alert'
import { claimDeliveries, disableEndpoint, readEvents, recordRound, releaseDeliveries, type ClaimedDelivery, type Outcome } from './rows'
import { signingSecrets } from './secrets'
import { postWebhook } from './send'
import { signatureHeader } from './signature'

export type WebhookSettings = Env['webhooks']

/** Events sent to one endpoint at the same time: each is a different record's earliest pending version. */
export const PARALLEL_PER_ENDPOINT = 4
/** A round stops starting sends after this many failures in it: the endpoint is likely down, the rest waits. */
const FAILURES_PER_ROUND = 2
/** One job keeps claiming rounds for its endpoint this long at most (and half the lease), then leaves the lane to others. */
const JOB_BUDGET_MS = 15_000

export type EndpointRun = { rounds: number; delivered: number; failed: number; released: number; disabled: string | null }

/**
 * Delivers what is due for one endpoint, in rounds: claim up to WEBHOOK_BATCH_SIZE deliveries (one per record, its
 * earliest pending version), read their events, sign each body with every valid secret, POST up to
 * PARALLEL_PER_ENDPOINT at a time, then record the round in one transaction — delivered, retried with backoff, or
 * dead after WEBHOOK_RETRY_HOURS — and the endpoint's failure run. A round stops starting sends after
 * FAILURES_PER_ROUND failures or when its lease runs short (the rest go back unsent, uncounted); the job stops after
 * JOB_BUDGET_MS or when nothing is due. An endpoint that reaches a disable rule is turned off, its pending
 * deliveries end dead and Ops are alerted.
 *
 * At least once: a worker killed after a POST and before its record leaves the delivery claimed until the lease
 * passes, then it is sent again — with the same event id, which is what receivers dedupe on.
 */
export async function deliverToEndpoint(req: PayloadRequest, endpointId: number, s: WebhookSettings, workerId: string): Promise<EndpointRun> {
  const payload = req.payload
  const db = dbOf(payload)
  const run: EndpointRun = { rounds: 0, delivered: 0, failed: 0, released: 0, disabled: null }
  const started = Date.now()
  const budget = Math.min(JOB_BUDGET_MS, s.leaseMs / 2)
  while (Date.now() - started < budget && !run.disabled) {
    const claimedAt = Date.now()
    const claimed = await claimDeliveries(db, endpointId, workerId, { limit: s.batchSize, leaseMs: s.leaseMs })
    if (!claimed.length) break
    run.rounds++
    // no send starts unless it can finish (its whole time limit, at most half the lease) well before the lease ends
    const startBy = claimedAt + s.leaseMs - s.timeoutMs - Math.min(1000, s.leaseMs / 4)
    const { outcomes, unsent, holdUntil } = await sendRound(payload, endpointId, claimed, s, startBy)
    const exhausted = outcomes.some((o) => o.next.kind === 'dead')
    const endpoint = await inDbTransaction(payload, async (tx) => {
      const after = await recordRound(tx, endpointId, workerId, outcomes, failureRun(outcomes.map((o) => o.result === 'delivered')))
      await releaseDeliveries(tx, unsent.map((d) => d.id), workerId, holdUntil)
      return after
    })
    run.delivered += outcomes.filter((o) => o.result === 'delivered').length
    run.failed += outcomes.filter((o) => o.result !== 'delivered').length
    run.released += unsent.length
    for (const o of outcomes) logOutcome(endpointId, o)
    const reason = disableReason(endpoint, { exhausted, now: new Date(), limit: s.disableAfterFailures, retryForMs: s.retryForMs })
    if (reason) run.disabled = (await disable(req, endpointId, reason)) ? reason : null
    if (holdUntil || unsent.length) break
  }
  return run
}

async function sendRound(payload: Payload, endpointId: number, claimed: ClaimedDelivery[], s: WebhookSettings, startBy: number) {
  const db = dbOf(payload)
  const events = await readEvents(db, claimed.map((c) => c.eventId))
  const secrets = await signingSecrets(db, [endpointId]).then(
    (all) => all.get(endpointId) ?? new Error('The endpoint has no signing secret: rotate it.'),
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  )
  const outcomes: Outcome[] = []
  const unsent: ClaimedDelivery[] = []
  let failures = 0
  let holdUntil: Date | null = null
  const queue = [...claimed]
  const policy = { baseMs: s.retryBaseMs, retryForMs: s.retryForMs }
  const sendNext = async (): Promise<void> => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      if (failures >= FAILURES_PER_ROUND || Date.now() > startBy) {
        unsent.push(d)
        continue
      }
      const startedAt = new Date()
      const event = events.get(d.eventId)
      // nothing to sign with, or nothing to send: a failed attempt like any other, retried and visible to Ops
      const unsendable = secrets instanceof Error ? secrets.message : !event ? `Event ${d.eventId} is gone.` : null
      const attempt = unsendable
        ? { result: 'network_error' as const, status: null, latencyMs: 0, error: unsendable }
        : await post(d, webhookBody(event!), event!.type, secrets as string[], s)
      const next =
        attempt.result === 'delivered' ? ({ kind: 'delivered' } as const) : afterFailure({ attempts: d.attempt, queuedAt: d.queuedAt, now: new Date() }, policy)
      if (next.kind !== 'delivered') failures++
      if (next.kind === 'retry' && failures >= FAILURES_PER_ROUND) holdUntil = holdUntil && holdUntil > next.at ? holdUntil : next.at
      outcomes.push({ delivery: d, ...attempt, startedAt, next })
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PER_ENDPOINT, claimed.length) }, sendNext))
  return { outcomes, unsent, holdUntil: holdUntil as Date | null }
}

const post = (d: ClaimedDelivery, body: string, type: string, secrets: string[], s: WebhookSettings) =>
  postWebhook(
    d.url,
    body,
    { [SIGNATURE_HEADER]: signatureHeader(body, secrets), [EVENT_ID_HEADER]: String(d.eventId), [EVENT_TYPE_HEADER]: type },
    { timeoutMs: s.timeoutMs, allowPrivate: s.allowPrivate },
  )

/** Turns the endpoint off and tells Ops, in one transaction; false when another worker already did. */
async function disable(req: PayloadRequest, endpointId: number, reason: string): Promise<boolean> {
  try {
    return await inTransaction(req, async () => {
      const done = await disableEndpoint(await sqlOf(req), endpointId, reason)
      if (!done) return false
      await alertOpsEndpointDisabled(req, { endpointId, url: done.url, reason, ended: done.ended })
      logLine('error', 'webhook.endpoint_disabled', { endpointId, url: done.url, reason, endedDeliveries: done.ended })
      return true
    })
  } catch (error) {
    logLine('error', 'webhook.disable_failed', { endpointId, reason, error: errorMessage(error) })
    return false
  }
}

function logOutcome(endpointId: number, o: Outcome) {
  const fields = { endpointId, deliveryId: o.delivery.id, eventId: o.delivery.eventId, attempt: o.delivery.attempt, status: o.status, latencyMs: o.latencyMs }
  if (o.next.kind === 'delivered') logLine('info', 'webhook.delivered', fields)
  else if (o.next.kind === 'retry') logLine('warn', 'webhook.retry', { ...fields, result: o.result, error: o.error, nextAttemptAt: o.next.at })
  else logLine('error', 'webhook.dead', { ...fields, result: o.result, error: o.error, reason: o.next.reason })
}
