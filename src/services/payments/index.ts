import { APIError, type PayloadRequest } from 'payload'

import { authorizationExpiresAt, authorizeIdempotencyKey, classifyStripeError } from '../../domain/payments'
import { idOf } from '../../utilities/idOf'
import { describeStripeError, stripeClient } from './stripe'
import type { Assignment } from '../../payload-types'

export type AuthorizeResult =
  | { status: 'authorized'; paymentIntentId: string; expiresAt: string }
  | { status: 'already_authorized'; paymentIntentId: string }
  | { status: 'skipped'; reason: 'no_stripe_keys' | 'no_payment_method' }
  | { status: 'not_authorized'; reason: string }

const opts = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

async function loadAssignment(req: PayloadRequest, assignmentId: number): Promise<Assignment> {
  return req.payload.findByID({ collection: 'assignments', id: assignmentId, ...opts(req) })
}

/**
 * Holds the customer's card for the accepted amount (quote acceptance calls this inside its transaction). Nothing
 * happens without Stripe keys or without a saved payment method: the payout then goes to Ops at verification.
 * A declined card is the customer's to fix (402, the acceptance rolls back); a Stripe outage or misconfiguration
 * must not block the marketplace, so it is logged and the job continues without a hold.
 */
async function authorizeForAssignment(req: PayloadRequest, { assignmentId }: { assignmentId: number }): Promise<AuthorizeResult> {
  const stripe = stripeClient()
  if (!stripe) return { status: 'skipped', reason: 'no_stripe_keys' }
  const assignment = await loadAssignment(req, assignmentId)
  if (assignment.payment?.paymentIntentId) {
    return { status: 'already_authorized', paymentIntentId: assignment.payment.paymentIntentId }
  }
  const customer = await req.payload.findByID({ collection: 'users', id: Number(idOf(assignment.customer)), ...opts(req) })
  const paymentMethod = customer.payment?.paymentMethodId
  if (!paymentMethod) return { status: 'skipped', reason: 'no_payment_method' }
  const stripeCustomer = customer.payment?.stripeCustomerId || undefined

  try {
    const intent = await stripe.paymentIntents.create(
      {
        amount: assignment.amount as number,
        currency: (assignment.currency ?? 'USD').toLowerCase(),
        capture_method: 'manual',
        confirm: true,
        payment_method: paymentMethod,
        // a saved card, confirmed now without the customer present: no redirect-based methods
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        ...(stripeCustomer ? { customer: stripeCustomer, off_session: true } : {}),
        metadata: { assignmentId: String(assignment.id), jobId: String(idOf(assignment.job)) },
        expand: ['latest_charge'],
      },
      { idempotencyKey: authorizeIdempotencyKey(assignment.id) },
    )
    if (intent.status !== 'requires_capture') {
      req.payload.logger.warn({ msg: 'Card authorisation not held', assignmentId, paymentIntentId: intent.id, status: intent.status })
      return { status: 'not_authorized', reason: `PaymentIntent is ${intent.status}` }
    }
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null
    const captureBefore = charge?.payment_method_details?.card?.capture_before
    const expiresAt = authorizationExpiresAt({
      createdAt: new Date(intent.created * 1000),
      captureBefore: captureBefore ? new Date(captureBefore * 1000) : null,
    }).toISOString()
    await req.payload.update({
      collection: 'assignments',
      id: assignment.id,
      data: {
        payment: { ...assignment.payment, paymentIntentId: intent.id, authorizedAt: new Date().toISOString(), authorizationExpiresAt: expiresAt },
      },
      ...opts(req),
      // holding the card is not a move of the lifecycle: the assignment's version stays
      context: { trusted: true, versionSet: true },
    })
    return { status: 'authorized', paymentIntentId: intent.id, expiresAt }
  } catch (error) {
    const failure = describeStripeError(error)
    if (failure.rawType === 'card_error' || failure.statusCode === 402) {
      throw new APIError(
        `The card on file was declined (${failure.code ?? 'card_error'}): update the payment method and accept again.`,
        402,
        { code: failure.code },
        true,
      )
    }
    req.payload.logger.error({
      msg: 'Card authorisation failed; the job continues without a hold and its payout will need Ops',
      assignmentId,
      kind: classifyStripeError(failure),
      error: failure.message,
    })
    return { status: 'not_authorized', reason: failure.message }
  }
}

/**
 * Lets go of the card hold when the job will not be paid (provider rejected, cancelled). The Stripe call is made by a
 * queued task after this transaction commits; queuing twice is harmless (the task checks `releasedAt`).
 */
async function releaseAuthorization(req: PayloadRequest, assignmentId: number): Promise<boolean> {
  const assignment = await loadAssignment(req, assignmentId)
  if (!assignment.payment?.paymentIntentId || assignment.payment.releasedAt) return false
  if (assignment.payoutStatus === 'captured') return false
  await req.payload.jobs.queue({ task: 'releaseAuthorization', input: { assignmentId }, req })
  return true
}

/** What the rest of Jobline calls to move money. */
export const PaymentsService = { authorizeForAssignment, releaseAuthorization }

export { queueCapture, runCaptureAttempt } from './capture'
export { captureFailedTotal } from './metrics'
