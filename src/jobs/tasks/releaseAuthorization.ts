import type { TaskConfig } from 'payload'

import { classifyStripeError, releaseIdempotencyKey } from '../../domain/payments'
import { describeStripeError, stripeClient } from '../../services/payments/stripe'

/**
 * Cancels the PaymentIntent that holds the customer's card for an assignment that will not be paid (rejected,
 * cancelled). Idempotent: a released hold is not touched again, and an already-canceled PaymentIntent counts as released.
 */
export const releaseAuthorizationTask: TaskConfig<'releaseAuthorization'> = {
  slug: 'releaseAuthorization',
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
  inputSchema: [{ name: 'assignmentId', type: 'number', required: true }],
  outputSchema: [{ name: 'result', type: 'text' }],
  handler: async ({ input, req }) => {
    const opts = { req, overrideAccess: true, depth: 0 } as const
    const assignment = await req.payload.findByID({ collection: 'assignments', id: input.assignmentId, ...opts })
    const paymentIntentId = assignment.payment?.paymentIntentId
    if (!paymentIntentId || assignment.payment?.releasedAt) return { output: { result: 'nothing_to_release' } }
    const stripe = stripeClient()
    if (!stripe) {
      req.payload.logger.warn({ msg: 'Cannot release a card hold without STRIPE_SECRET_KEY', assignmentId: assignment.id, paymentIntentId })
      return { output: { result: 'no_stripe_keys' } }
    }
    try {
      await stripe.paymentIntents.cancel(
        paymentIntentId,
        { cancellation_reason: 'abandoned' },
        { idempotencyKey: releaseIdempotencyKey(assignment.id) },
      )
    } catch (error) {
      const failure = describeStripeError(error)
      if (failure.paymentIntentStatus !== 'canceled') {
        if (classifyStripeError(failure) === 'retryable') throw error // the task retries with backoff
        req.payload.logger.error({ msg: 'Card hold could not be released', assignmentId: assignment.id, error: failure.message })
        return { output: { result: 'failed' } }
      }
    }
    await req.payload.update({
      collection: 'assignments',
      id: assignment.id,
      data: { payment: { ...assignment.payment, releasedAt: new Date().toISOString() } },
      ...opts,
      // letting go of the hold is not a move of the lifecycle: the assignment's version stays
      context: { trusted: true, versionSet: true },
    })
    return { output: { result: 'released' } }
  },
}
