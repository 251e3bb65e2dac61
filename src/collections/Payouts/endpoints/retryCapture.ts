import type { Endpoint } from 'payload'

import { canRetryCapture } from '../../../domain/payments'
import { actionContext, readAsUser, requireUser, routeId, transition } from '../../../services/actions/request'
import { inTransaction } from '../../../services/actions/transaction'
import { queueCapture } from '../../../services/payments/capture'
import { lockPayout } from '../../../services/payments/locks'
import { stripeConfigured } from '../../../services/payments/stripe'
import { conflict, forbidden } from '../../../utilities/errors'
import { idOf } from '../../../utilities/idOf'
import type { Payout } from '../../../payload-types'

/**
 * POST /api/payouts/:id/retry-capture — Ops tries a failed capture again, when the authorisation can still be
 * captured. The new attempts send the payout's same idempotency key, so at most one capture ever happens.
 */
export const retryCapture: Endpoint = {
  path: '/:id/retry-capture',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    if (user.role !== 'ops') throw forbidden('Only Ops can retry a capture.')
    const id = routeId(req)
    const payout = await inTransaction(req, async () => {
      await readAsUser(req, 'payouts', id, 'payout')
      await lockPayout(req, id)
      const current = await req.payload.findByID({ collection: 'payouts', id, req, overrideAccess: true, depth: 0 })
      const check = canRetryCapture({
        status: current.status,
        paymentIntentId: current.paymentIntentId,
        lastError: current.lastError,
        authorizationExpiresAt: current.authorizationExpiresAt ? new Date(current.authorizationExpiresAt) : null,
        now: new Date(),
      })
      if (!check.ok) throw conflict(check.reason, { state: current.status })
      if (!stripeConfigured()) throw conflict('Stripe is not configured (STRIPE_SECRET_KEY): approve or reject the payout instead.')
      const to = transition('payout', 'failed', 'retryCapture', user.role) as Payout['status']
      const context = actionContext('retryCapture', user.role)
      const updated = await req.payload.update({
        collection: 'payouts',
        id,
        data: { status: to, attempts: 0, nextAttemptAt: null, manualReason: null },
        req,
        overrideAccess: true,
        depth: 0,
        context,
      })
      await req.payload.update({
        collection: 'assignments',
        id: Number(idOf(current.assignment)),
        data: { payoutStatus: to },
        req,
        overrideAccess: true,
        depth: 0,
        context,
      })
      await queueCapture(req, id)
      return updated
    })
    return Response.json({ payout }, { status: 200 })
  },
}
