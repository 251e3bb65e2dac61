import type { PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { backoffDelay, shouldRetry } from '../../domain/backoff'
import {
  CAPTURE_LEASE_MS,
  captureBackoff,
  classifyStripeError,
  describeCaptureFailure,
  isAlreadyCaptured,
  type StripeFailureKind,
} from '../../domain/payments'
import { env } from '../../env'
import { idOf } from '../../utilities/idOf'
import { actionContext, transition } from '../actions/request'
import { inTransaction, sqlOf } from '../actions/transaction'
import { notifyOps } from './ops'
import { describeStripeError, stripeClient } from './stripe'
import type { Payout } from '../../payload-types'

export type CaptureOutcome =
  | { result: 'captured'; attempt: number }
  | { result: 'retry_scheduled'; attempt: number; retryAt: string; delayMs: number }
  | { result: 'failed'; attempt: number; kind: StripeFailureKind; error: string }
  | { result: 'skipped' }

const OPS_ADVICE: Record<StripeFailureKind, string> = {
  retryable: 'Stripe kept failing after every retry: retry the capture from the Ops console once Stripe is healthy.',
  not_capturable: 'Stripe can no longer capture this authorisation (expired or canceled): settle the payout manually.',
  fatal: 'Stripe refused the capture: check the error and the Stripe configuration, then retry or settle manually.',
}

const opts = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

/** Queues one capture attempt (in the caller's transaction when there is one), not before `waitUntil`. */
export async function queueCapture(req: PayloadRequest, payoutId: number, waitUntil?: Date): Promise<void> {
  await req.payload.jobs.queue({ task: 'capturePayment', input: { payoutId }, req, ...(waitUntil ? { waitUntil } : {}) })
}

/**
 * One capture attempt for a `capture_pending` payout. The attempt first claims the payout with one conditional
 * UPDATE (attempts + 1, nextAttemptAt pushed out as a lease), so two workers or two queued jobs never call Stripe for
 * it at the same time, and no row lock is held during the call. The Stripe request always carries the payout's
 * stored idempotency key, so even a repeated call captures at most once.
 */
export async function runCaptureAttempt(req: PayloadRequest, payoutId: number): Promise<CaptureOutcome> {
  const db = await sqlOf(req)
  const claimed = await db.execute(sql`
    UPDATE payouts
    SET attempts = coalesce(attempts, 0) + 1, next_attempt_at = now() + ${`${CAPTURE_LEASE_MS} milliseconds`}::interval
    WHERE id = ${payoutId} AND status = 'capture_pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
    RETURNING attempts, payment_intent_id, idempotency_key`)
  const row = claimed.rows[0]
  if (!row) return { result: 'skipped' } // settled already, or another attempt holds the claim
  const attempt = Number(row.attempts)

  const stripe = stripeClient()
  if (!stripe || !row.payment_intent_id || !row.idempotency_key) {
    const why = !stripe ? 'STRIPE_SECRET_KEY is not set in the process that ran the capture' : 'the payout has no PaymentIntent or key'
    return settleFailed(req, payoutId, attempt, 'fatal', why)
  }

  let failure: ReturnType<typeof describeStripeError> | undefined
  try {
    await stripe.paymentIntents.capture(String(row.payment_intent_id), {}, { idempotencyKey: String(row.idempotency_key) })
  } catch (error) {
    failure = describeStripeError(error)
  }

  try {
    if (!failure || isAlreadyCaptured(failure)) return await settleCaptured(req, payoutId, attempt)
    const kind = classifyStripeError(failure)
    const { captureMaxAttempts, captureRetryBaseMs } = env().payments
    if (kind === 'retryable' && shouldRetry(attempt, captureMaxAttempts)) {
      return await scheduleRetry(req, payoutId, attempt, failure.message, captureRetryBaseMs)
    }
    return await settleFailed(req, payoutId, attempt, kind, failure.message)
  } catch (error) {
    // Recording the result failed: give the claim back so the task's own retry can run the (idempotent) call again.
    await db.execute(sql`UPDATE payouts SET next_attempt_at = now() WHERE id = ${payoutId} AND status = 'capture_pending'`)
    throw error
  }
}

async function settleCaptured(req: PayloadRequest, payoutId: number, attempt: number): Promise<CaptureOutcome> {
  await inTransaction(req, async () => {
    const payout = await req.payload.findByID({ collection: 'payouts', id: payoutId, ...opts(req) })
    if (payout.status !== 'capture_pending') return
    const status = transition('payout', 'capture_pending', 'captureSucceeded', 'system') as Payout['status']
    const context = actionContext('captureSucceeded', 'system')
    await req.payload.update({
      collection: 'payouts',
      id: payoutId,
      data: { status, nextAttemptAt: null, lastError: null, manualReason: null },
      ...opts(req),
      context,
    })
    const assignment = await req.payload.findByID({ collection: 'assignments', id: Number(idOf(payout.assignment)), ...opts(req) })
    await req.payload.update({
      collection: 'assignments',
      id: assignment.id,
      data: { payoutStatus: status, timestamps: { ...assignment.timestamps, paidAt: new Date().toISOString() } },
      ...opts(req),
      context,
    })
  })
  req.payload.logger.info({ msg: 'Payment captured', payoutId, attempt })
  return { result: 'captured', attempt }
}

async function scheduleRetry(
  req: PayloadRequest,
  payoutId: number,
  attempt: number,
  message: string,
  baseMs: number,
): Promise<CaptureOutcome> {
  const delayMs = backoffDelay(attempt, captureBackoff(baseMs))
  const retryAt = new Date(Date.now() + delayMs)
  await inTransaction(req, async () => {
    await req.payload.update({
      collection: 'payouts',
      id: payoutId,
      data: { nextAttemptAt: retryAt.toISOString(), lastError: describeCaptureFailure('retryable', message) },
      ...opts(req),
    })
    await queueCapture(req, payoutId, retryAt)
  })
  req.payload.logger.warn({ msg: 'Capture failed; retrying', payoutId, attempt, retryAt: retryAt.toISOString(), delayMs, error: message })
  return { result: 'retry_scheduled', attempt, retryAt: retryAt.toISOString(), delayMs }
}

async function settleFailed(
  req: PayloadRequest,
  payoutId: number,
  attempt: number,
  kind: StripeFailureKind,
  message: string,
): Promise<CaptureOutcome> {
  const lastError = describeCaptureFailure(kind, message)
  await inTransaction(req, async () => {
    const payout = await req.payload.findByID({ collection: 'payouts', id: payoutId, ...opts(req) })
    if (payout.status !== 'capture_pending') return
    const status = transition('payout', 'capture_pending', 'captureFailed', 'system') as Payout['status']
    // the kind on the audit event: capture_failed_total{kind} counts these events
    const context = actionContext('captureFailed', 'system', { kind, attempt })
    await req.payload.update({
      collection: 'payouts',
      id: payoutId,
      data: { status, nextAttemptAt: null, lastError, manualReason: OPS_ADVICE[kind] },
      ...opts(req),
      context,
    })
    await req.payload.update({
      collection: 'assignments',
      id: Number(idOf(payout.assignment)),
      data: { payoutStatus: status },
      ...opts(req),
      context,
    })
    await notifyOps(req, {
      kind: 'capture_failed',
      assignmentId: Number(idOf(payout.assignment)),
      customerId: Number(idOf(payout.customer)),
      providerId: Number(idOf(payout.provider)),
      occurrence: `payout${payoutId}-a${attempt}`,
      subject: `Capture failed for payout ${payout.reference}`,
      text: `Capturing payout ${payout.reference} failed after ${attempt} attempt(s): ${lastError}\n\n${OPS_ADVICE[kind]}`,
    })
  })
  req.payload.logger.error({ msg: 'Capture failed', payoutId, attempt, kind, error: message })
  return { result: 'failed', attempt, kind, error: lastError }
}
