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
import { sqlOf } from '../../db/sql'
import { env } from '../../env'
import { runAsSystem } from '../../operations/pipeline'
import { captureFailed, captureSucceeded } from '../../operations/settleCapture'
import { inTransaction } from '../../operations/transaction'
import { describeStripeError, stripeClient } from './stripe'

export type CaptureOutcome =
  | { result: 'captured'; attempt: number }
  | { result: 'retry_scheduled'; attempt: number; retryAt: string; delayMs: number }
  | { result: 'failed'; attempt: number; kind: StripeFailureKind; error: string }
  | { result: 'skipped' }

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

/** An action the payout may no longer take (another attempt settled it first): nothing to record. */
const alreadySettled = (error: unknown) => (error as { status?: number })?.status === 409

async function settleCaptured(req: PayloadRequest, payoutId: number, attempt: number): Promise<CaptureOutcome> {
  try {
    await runAsSystem(captureSucceeded, req, payoutId, { attempt })
  } catch (error) {
    if (!alreadySettled(error)) throw error
  }
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
  // not a move of the lifecycle: the payout stays capture_pending, with its next attempt queued
  await inTransaction(req, async () => {
    const db = await sqlOf(req)
    await db.execute(sql`UPDATE payouts SET next_attempt_at = ${retryAt.toISOString()}::timestamptz,
      last_error = ${describeCaptureFailure('retryable', message)}, updated_at = now()
      WHERE id = ${payoutId} AND status = 'capture_pending'`)
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
  try {
    await runAsSystem(captureFailed, req, payoutId, { attempt, kind, message })
  } catch (error) {
    if (!alreadySettled(error)) throw error
  }
  req.payload.logger.error({ msg: 'Capture failed', payoutId, attempt, kind, error: message })
  return { result: 'failed', attempt, kind, error: describeCaptureFailure(kind, message) }
}
