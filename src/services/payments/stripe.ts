import Stripe from 'stripe'

import { STRIPE_TIMEOUT_MS, type StripeFailure } from '../../domain/payments'
import { env } from '../../env'

let cached: { key: string; client: Stripe } | undefined

/**
 * The Stripe client of this process, or null when no key is configured (then payouts wait for Ops). The SDK's own
 * network retries are off: our capture task retries with its own backoff and stored attempt count.
 */
export function stripeClient(): Stripe | null {
  const { stripeSecretKey, stripeApi } = env().payments
  if (!stripeSecretKey) return null
  if (cached?.key !== stripeSecretKey) {
    cached = {
      key: stripeSecretKey,
      client: new Stripe(stripeSecretKey, {
        maxNetworkRetries: 0,
        timeout: STRIPE_TIMEOUT_MS,
        telemetry: false,
        appInfo: { name: 'Jobline' },
        ...(stripeApi ?? {}),
      }),
    }
  }
  return cached.client
}

export const stripeConfigured = (): boolean => !!env().payments.stripeSecretKey

/** The fields of a thrown Stripe SDK error (or any error) that decide what happens next, and a message for people. */
export function describeStripeError(error: unknown): StripeFailure & { message: string } {
  const e = error as {
    type?: string
    rawType?: string
    statusCode?: number
    code?: string
    message?: string
    payment_intent?: { status?: string }
    raw?: { payment_intent?: { status?: string } }
  }
  return {
    type: e?.type,
    rawType: e?.rawType,
    statusCode: e?.statusCode,
    code: e?.code,
    paymentIntentStatus: e?.payment_intent?.status ?? e?.raw?.payment_intent?.status,
    message: [e?.statusCode, e?.code, e?.message ?? String(error)].filter((x) => x !== undefined && x !== '').join(' '),
  }
}
