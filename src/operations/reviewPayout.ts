import { canRetryCapture } from '../domain/payments'
import { stripeConfigured } from '../services/payments/stripe'
import { conflict } from '../utilities/errors'
import { optionalText, requiredText } from './input'
import { mirrorPayoutStatus } from './payouts'
import type { ActionSpec } from './pipeline'

type Note = { note: string | null }
const parents = (p: { assignment: unknown }) => ({ assignments: p.assignment })

/** Ops approve a payout waiting for review: it is paid to the provider by hand. */
export const approvePayout: ActionSpec<'payouts', Note> = {
  doc: { summary: 'Ops approve a payout waiting for review (paid by hand).', body: { note: { type: 'string', description: 'At most 2000 characters.' } } },
  machine: 'payout',
  collection: 'payouts',
  action: 'approve',
  event: 'payout.approved',
  input: (body) => ({ note: optionalText(body, 'note', 'The note') }),
  parents,
  write: ({ user, input, now, facts }) => {
    facts.note = input.note
    return { reviewedBy: user?.id ?? null, reviewedAt: now.toISOString(), note: input.note, nextAttemptAt: null }
  },
  then: (ctx) => mirrorPayoutStatus(ctx, { timestamps: { ...ctx.parents.assignments!.timestamps, paidAt: ctx.now.toISOString() } }),
  respond: (ctx) => ({ payout: ctx.subject }),
}

/** Ops refuse a payout waiting for review; the note says why, and any card hold is released after commit. */
export const rejectPayout: ActionSpec<'payouts', Note> = {
  ...approvePayout,
  doc: { summary: 'Ops reject a payout waiting for review; any card hold is released.', body: { note: { type: 'string', required: true, description: 'Why (at most 2000 characters); the provider reads it.' } } },
  action: 'reject',
  event: 'payout.rejected',
  input: (body) => ({ note: requiredText(body, 'note', 'A note explaining the rejection') }),
  then: (ctx) => mirrorPayoutStatus(ctx),
}

/** Ops settle a failed capture by hand: the payout goes to review (then approve or reject it). */
export const sendPayoutToReview: ActionSpec<'payouts', Note> = {
  ...approvePayout,
  doc: { summary: 'Ops send a failed capture to manual review.', body: { note: { type: 'string', description: 'At most 2000 characters.' } } },
  action: 'sendToReview',
  event: 'payout.sent_to_review',
  write: ({ input, facts }) => {
    facts.note = input.note
    return { manualReason: input.note ?? 'Ops sent the failed capture to manual review.', nextAttemptAt: null }
  },
  then: (ctx) => mirrorPayoutStatus(ctx),
}

/**
 * Ops try a failed capture again, while the authorisation can still be captured. The new attempts send the payout's
 * same idempotency key, so at most one capture ever happens; the capture is queued after commit.
 */
export const retryCapture: ActionSpec<'payouts', void> = {
  doc: { summary: 'Ops retry a failed capture while the card authorisation can still be captured.' },
  machine: 'payout',
  collection: 'payouts',
  action: 'retryCapture',
  event: 'payout.capture_retried',
  parents,
  guard: ({ subject, now }) => {
    const check = canRetryCapture({
      status: subject.status,
      paymentIntentId: subject.paymentIntentId,
      lastError: subject.lastError,
      authorizationExpiresAt: subject.authorizationExpiresAt ? new Date(subject.authorizationExpiresAt) : null,
      now,
    })
    if (!check.ok) throw conflict(check.reason, { state: subject.status })
    if (!stripeConfigured()) throw conflict('Stripe is not configured (STRIPE_SECRET_KEY): send the payout to review and settle it by hand.')
  },
  write: () => ({ attempts: 0, nextAttemptAt: null, manualReason: null }),
  then: (ctx) => mirrorPayoutStatus(ctx),
  respond: (ctx) => ({ payout: ctx.subject }),
}
