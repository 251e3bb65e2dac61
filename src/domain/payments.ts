/**
 * The money rules of a card authorisation and its capture, as plain functions: how long a hold lasts, when Ops is
 * warned, which Stripe failures are worth retrying, and the idempotency keys that make every call safe to repeat.
 */
import type { BackoffOptions } from './backoff'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Card authorisations lapse after about seven days when Stripe does not say otherwise. */
export const DEFAULT_AUTHORIZATION_VALIDITY_MS = 7 * DAY

/** Ops is warned this long before a held authorisation lapses, while there is still time to capture or re-authorise. */
export const EXPIRY_WARNING_MS = 24 * HOUR

/** When an authorisation can no longer be captured: Stripe's `capture_before` when it gives one, else created + 7 days. */
export function authorizationExpiresAt({ createdAt, captureBefore }: { createdAt: Date; captureBefore?: Date | null }): Date {
  if (captureBefore && !Number.isNaN(captureBefore.getTime())) return captureBefore
  return new Date(createdAt.getTime() + DEFAULT_AUTHORIZATION_VALIDITY_MS)
}

/** True once per authorisation: it lapses within the threshold (or already has) and Ops has not been warned yet. */
export function shouldWarnBeforeLapse({
  expiresAt,
  warnedAt,
  now,
  thresholdMs = EXPIRY_WARNING_MS,
}: {
  expiresAt: Date | null | undefined
  warnedAt?: Date | null
  now: Date
  thresholdMs?: number
}): boolean {
  if (!expiresAt || warnedAt) return false
  return expiresAt.getTime() - now.getTime() <= thresholdMs
}

export const isAuthorizationExpired = (expiresAt: Date | null | undefined, now: Date): boolean =>
  !!expiresAt && expiresAt.getTime() <= now.getTime()

/**
 * What a failed Stripe call means for the capture:
 * - `retryable`: Stripe or the network failed (5xx, 429, 409 lock, connection); the same call may succeed later.
 * - `not_capturable`: the authorisation is gone (expired, canceled, wrong state); retrying cannot help, Ops decides.
 * - `fatal`: our request or configuration is wrong (bad key, unknown PaymentIntent); retrying blindly cannot help
 *   either, but Ops may retry once it is fixed.
 */
export type StripeFailureKind = 'retryable' | 'not_capturable' | 'fatal'
export const STRIPE_FAILURE_KINDS: readonly StripeFailureKind[] = ['retryable', 'not_capturable', 'fatal']

/** The parts of a Stripe SDK error the classification reads (no SDK import here). */
export type StripeFailure = {
  type?: string
  rawType?: string
  statusCode?: number
  code?: string
  /** `payment_intent.status` when Stripe sent the PaymentIntent with the error. */
  paymentIntentStatus?: string
}

/** Error codes that mean the PaymentIntent cannot be captured any more. */
export const NOT_CAPTURABLE_CODES = [
  'payment_intent_unexpected_state',
  'charge_expired_for_capture',
  'capture_charge_authorization_expired',
  'charge_already_refunded',
] as const

const RETRYABLE_CODES = ['lock_timeout', 'rate_limit', 'idempotency_key_in_use'] as const

export function classifyStripeError(failure: StripeFailure): StripeFailureKind {
  const { type, rawType, statusCode, code, paymentIntentStatus } = failure
  if (paymentIntentStatus === 'canceled') return 'not_capturable'
  if (code && (NOT_CAPTURABLE_CODES as readonly string[]).includes(code)) return 'not_capturable'
  if (code && (RETRYABLE_CODES as readonly string[]).includes(code)) return 'retryable'
  if (type === 'StripeConnectionError' || rawType === 'api_connection_error') return 'retryable'
  if (statusCode === undefined) return type?.startsWith('Stripe') ? 'fatal' : 'retryable' // no answer at all: network
  if (statusCode >= 500 || statusCode === 429 || statusCode === 409) return 'retryable'
  return 'fatal'
}

/** A capture that failed because the PaymentIntent is already captured succeeded earlier (a lost reply): not a failure. */
export const isAlreadyCaptured = (failure: StripeFailure): boolean =>
  failure.code === 'payment_intent_unexpected_state' && failure.paymentIntentStatus === 'succeeded'

/** Stable keys: the same action on the same assignment is the same Stripe request, from any process, any number of times. */
export const authorizeIdempotencyKey = (assignmentId: number | string) => `authorize:${assignmentId}`
export const captureIdempotencyKey = (assignmentId: number | string) => `capture:${assignmentId}`
export const releaseIdempotencyKey = (assignmentId: number | string) => `release:${assignmentId}`

/** `lastError` of a payout records the failure kind first, so a later decision (may Ops retry?) can read it back. */
export const describeCaptureFailure = (kind: StripeFailureKind, message: string): string => `${kind}: ${message}`

export function failureKindOf(lastError: string | null | undefined): StripeFailureKind | undefined {
  const prefix = lastError?.split(':', 1)[0]
  return STRIPE_FAILURE_KINDS.find((k) => k === prefix)
}

export type RetryCaptureCheck = { ok: true } | { ok: false; reason: string }

/** Whether Ops may try a failed capture again: only while the authorisation is still there to capture. */
export function canRetryCapture({
  status,
  paymentIntentId,
  lastError,
  authorizationExpiresAt: expiresAt,
  now,
}: {
  status: string | null | undefined
  paymentIntentId?: string | null
  lastError?: string | null
  authorizationExpiresAt?: Date | null
  now: Date
}): RetryCaptureCheck {
  if (status !== 'failed') return { ok: false, reason: `Only a failed capture can be retried; this payout is ${status}.` }
  if (!paymentIntentId) return { ok: false, reason: 'This payout has no card authorisation to capture: approve it manually.' }
  if (failureKindOf(lastError) === 'not_capturable') {
    return { ok: false, reason: 'Stripe reported the authorisation as no longer capturable: settle this payout manually.' }
  }
  if (isAuthorizationExpired(expiresAt, now)) {
    return { ok: false, reason: 'The card authorisation has expired: settle this payout manually.' }
  }
  return { ok: true }
}

/** Backoff between capture attempts: exponential from the configured base, ±20% jitter, never more than six hours. */
export const captureBackoff = (baseMs: number): BackoffOptions => ({ baseMs, factor: 2, jitter: 0.2, maxMs: 6 * HOUR })

/** How long an attempt holds its claim on a payout: longer than the Stripe call may take, so two never overlap. */
export const CAPTURE_LEASE_MS = 2 * 60_000
/** Stripe request timeout used for captures, well inside the lease. */
export const STRIPE_TIMEOUT_MS = 30_000

/** A completed assignment the customer neither verified nor disputed within `days` is verified by the system. */
export function autoVerifyCutoff(now: Date, days: number): Date | undefined {
  if (!Number.isFinite(days) || days <= 0) return undefined
  return new Date(now.getTime() - days * DAY)
}
