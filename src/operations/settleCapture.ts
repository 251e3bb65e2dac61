import { describeCaptureFailure, type StripeFailureKind } from '../domain/payments'
import { mirrorPayoutStatus } from './payouts'
import type { ActionSpec } from './pipeline'

const OPS_ADVICE: Record<StripeFailureKind, string> = {
  retryable: 'Stripe kept failing after every retry: retry the capture from the Ops console once Stripe is healthy.',
  not_capturable: 'Stripe can no longer capture this authorisation (expired or canceled): settle the payout manually.',
  fatal: 'Stripe refused the capture: check the error and the Stripe configuration, then retry or settle manually.',
}

/** The system records a capture Stripe confirmed (run by the capture task, never by a client). */
export const captureSucceeded: ActionSpec<'payouts', { attempt: number }> = {
  doc: { summary: 'Stripe captured the payment (system).' },
  machine: 'payout',
  collection: 'payouts',
  action: 'captureSucceeded',
  event: 'payout.captured',
  parents: (p) => ({ assignments: p.assignment }),
  write: ({ input, facts }) => {
    facts.attempt = input.attempt
    return { nextAttemptAt: null, lastError: null, manualReason: null }
  },
  then: (ctx) => mirrorPayoutStatus(ctx, { timestamps: { ...ctx.parents.assignments!.timestamps, paidAt: ctx.now.toISOString() } }),
}

/** The system records a capture that failed for good: Ops are alerted with what to do next. */
export const captureFailed: ActionSpec<'payouts', { attempt: number; kind: StripeFailureKind; message: string }> = {
  doc: { summary: 'Capturing the payment failed for good (system).' },
  machine: 'payout',
  collection: 'payouts',
  action: 'captureFailed',
  event: 'payout.capture_failed',
  parents: (p) => ({ assignments: p.assignment }),
  write: ({ input, facts }) => {
    const lastError = describeCaptureFailure(input.kind, input.message)
    Object.assign(facts, { attempt: input.attempt, kind: input.kind, error: lastError, advice: OPS_ADVICE[input.kind] })
    return { nextAttemptAt: null, lastError, manualReason: OPS_ADVICE[input.kind] }
  },
  then: (ctx) => mirrorPayoutStatus(ctx),
}
