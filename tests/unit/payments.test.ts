import { describe, expect, it } from '@jest/globals'

import { backoffDelay } from '../../src/domain/backoff'
import {
  DEFAULT_AUTHORIZATION_VALIDITY_MS,
  EXPIRY_WARNING_MS,
  authorizationExpiresAt,
  autoVerifyCutoff,
  canRetryCapture,
  captureBackoff,
  captureIdempotencyKey,
  classifyStripeError,
  describeCaptureFailure,
  failureKindOf,
  isAlreadyCaptured,
  isAuthorizationExpired,
  shouldWarnBeforeLapse,
} from '../../src/domain/payments'

const HOUR = 3_600_000
const now = new Date('2027-03-10T12:00:00Z')

describe('authorisation expiry', () => {
  it("is Stripe's capture_before when given", () => {
    const captureBefore = new Date('2027-03-12T08:00:00Z')
    expect(authorizationExpiresAt({ createdAt: now, captureBefore })).toEqual(captureBefore)
  })

  it('is created + 7 days otherwise', () => {
    expect(authorizationExpiresAt({ createdAt: now })).toEqual(new Date('2027-03-17T12:00:00Z'))
    expect(authorizationExpiresAt({ createdAt: now, captureBefore: null }).getTime() - now.getTime()).toBe(DEFAULT_AUTHORIZATION_VALIDITY_MS)
    expect(authorizationExpiresAt({ createdAt: now, captureBefore: new Date('nonsense') })).toEqual(new Date('2027-03-17T12:00:00Z'))
  })

  it('has expired at the instant itself', () => {
    expect(isAuthorizationExpired(now, now)).toBe(true)
    expect(isAuthorizationExpired(new Date(now.getTime() + 1), now)).toBe(false)
    expect(isAuthorizationExpired(null, now)).toBe(false)
  })
})

describe('warning Ops before a hold lapses', () => {
  const at = (ms: number) => new Date(now.getTime() + ms)
  it('warns inside the threshold, once', () => {
    expect(shouldWarnBeforeLapse({ expiresAt: at(EXPIRY_WARNING_MS + 1), now })).toBe(false)
    expect(shouldWarnBeforeLapse({ expiresAt: at(EXPIRY_WARNING_MS), now })).toBe(true)
    expect(shouldWarnBeforeLapse({ expiresAt: at(HOUR), now })).toBe(true)
    expect(shouldWarnBeforeLapse({ expiresAt: at(HOUR), warnedAt: now, now })).toBe(false)
  })
  it('still warns about a hold that already lapsed unnoticed, and never without an expiry', () => {
    expect(shouldWarnBeforeLapse({ expiresAt: at(-HOUR), now })).toBe(true)
    expect(shouldWarnBeforeLapse({ expiresAt: null, now })).toBe(false)
  })
  it('honours a custom threshold', () => {
    expect(shouldWarnBeforeLapse({ expiresAt: at(3 * HOUR), now, thresholdMs: 2 * HOUR })).toBe(false)
    expect(shouldWarnBeforeLapse({ expiresAt: at(2 * HOUR), now, thresholdMs: 2 * HOUR })).toBe(true)
  })
})

describe('classifying Stripe failures', () => {
  it.each([
    ['a 500', { type: 'StripeAPIError', rawType: 'api_error', statusCode: 500 }, 'retryable'],
    ['a 503', { type: 'StripeAPIError', statusCode: 503 }, 'retryable'],
    ['rate limiting', { type: 'StripeRateLimitError', statusCode: 429, code: 'rate_limit' }, 'retryable'],
    ['a lock timeout', { type: 'StripeInvalidRequestError', statusCode: 409, code: 'lock_timeout' }, 'retryable'],
    ['a dropped connection', { type: 'StripeConnectionError' }, 'retryable'],
    ['a plain network error', {}, 'retryable'],
    ['an expired authorisation (canceled PaymentIntent)', { statusCode: 400, code: 'payment_intent_unexpected_state', paymentIntentStatus: 'canceled' }, 'not_capturable'],
    ['an unexpected state', { statusCode: 400, code: 'payment_intent_unexpected_state' }, 'not_capturable'],
    ['an expired charge', { statusCode: 400, code: 'charge_expired_for_capture' }, 'not_capturable'],
    ['a canceled PaymentIntent whatever the code', { statusCode: 500, paymentIntentStatus: 'canceled' }, 'not_capturable'],
    ['a bad key', { type: 'StripeAuthenticationError', statusCode: 401 }, 'fatal'],
    ['an unknown PaymentIntent', { type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing' }, 'fatal'],
    ['a key reused with other parameters', { type: 'StripeIdempotencyError', statusCode: 400, code: 'idempotency_error' }, 'fatal'],
    ['a Stripe error without a status', { type: 'StripeInvalidRequestError' }, 'fatal'],
  ] as const)('%s → %s', (_what, failure, kind) => {
    expect(classifyStripeError(failure)).toBe(kind)
  })

  it('recognises a capture that already happened (a lost reply) as success, not failure', () => {
    expect(isAlreadyCaptured({ code: 'payment_intent_unexpected_state', paymentIntentStatus: 'succeeded' })).toBe(true)
    expect(isAlreadyCaptured({ code: 'payment_intent_unexpected_state', paymentIntentStatus: 'canceled' })).toBe(false)
    expect(isAlreadyCaptured({ statusCode: 500 })).toBe(false)
  })
})

describe('idempotency and failure records', () => {
  it('uses one stable capture key per assignment', () => {
    expect(captureIdempotencyKey(42)).toBe('capture:42')
    expect(captureIdempotencyKey('42')).toBe(captureIdempotencyKey(42))
  })

  it('reads the failure kind back from lastError', () => {
    expect(failureKindOf(describeCaptureFailure('not_capturable', '400 payment_intent_unexpected_state: gone'))).toBe('not_capturable')
    expect(failureKindOf(describeCaptureFailure('retryable', '500 boom'))).toBe('retryable')
    expect(failureKindOf('something else: x')).toBeUndefined()
    expect(failureKindOf(null)).toBeUndefined()
  })
})

describe('may Ops retry a failed capture?', () => {
  const failed = { status: 'failed', paymentIntentId: 'pi_1', lastError: 'retryable: 500', authorizationExpiresAt: new Date(now.getTime() + HOUR), now }
  it('yes while the authorisation is still capturable', () => {
    expect(canRetryCapture(failed)).toEqual({ ok: true })
    expect(canRetryCapture({ ...failed, lastError: 'fatal: 401 bad key' })).toEqual({ ok: true })
    expect(canRetryCapture({ ...failed, authorizationExpiresAt: null })).toEqual({ ok: true })
  })
  it('no when Stripe said it is not capturable, it expired, there is none, or the payout did not fail', () => {
    expect(canRetryCapture({ ...failed, lastError: 'not_capturable: canceled' }).ok).toBe(false)
    expect(canRetryCapture({ ...failed, authorizationExpiresAt: new Date(now.getTime() - 1) }).ok).toBe(false)
    expect(canRetryCapture({ ...failed, paymentIntentId: null }).ok).toBe(false)
    for (const status of ['pending_review', 'approved', 'capture_pending', 'captured', 'rejected']) {
      const check = canRetryCapture({ ...failed, status })
      expect(check.ok).toBe(false)
      expect(!check.ok && check.reason).toContain(status)
    }
  })
})

describe('capture backoff', () => {
  it('doubles from the base with ±20% jitter, capped at six hours', () => {
    const opts = (r: number) => ({ ...captureBackoff(30_000), random: () => r })
    expect([1, 2, 3].map((a) => backoffDelay(a, opts(0.5)))).toEqual([30_000, 60_000, 120_000])
    expect(backoffDelay(2, opts(0))).toBe(48_000)
    expect(backoffDelay(2, opts(0.999999))).toBe(72_000)
    expect(backoffDelay(20, opts(0.999999))).toBe(6 * HOUR)
    // with any jitter, each wait is longer than the one before
    for (let a = 1; a < 8; a++) expect(backoffDelay(a + 1, opts(0))).toBeGreaterThan(backoffDelay(a, opts(0.999999)))
  })
})

describe('auto-verify', () => {
  it('is off at 0 days and counts whole days back otherwise', () => {
    expect(autoVerifyCutoff(now, 0)).toBeUndefined()
    expect(autoVerifyCutoff(now, 3)).toEqual(new Date('2027-03-07T12:00:00Z'))
  })
})
