import type { TaskConfig } from 'payload'

import { formatMoney } from '../../domain/money'
import { CAPTURE_LEASE_MS, EXPIRY_WARNING_MS, shouldWarnBeforeLapse } from '../../domain/payments'
import { actionContext } from '../../services/actions/request'
import { inTransaction } from '../../services/actions/transaction'
import { queueCapture } from '../../services/payments/capture'
import { notifyOps } from '../../services/payments/ops'
import { idOf } from '../../utilities/idOf'

/**
 * The payments sweep, run every few minutes by the worker:
 * - warns Ops once about every card hold that lapses within EXPIRY_WARNING_MS and has not been captured;
 * - re-queues captures left `capture_pending` with an expired claim (a worker died mid-attempt); the idempotency key
 *   makes the repeated call safe.
 */
export const authorizationWatchTask: TaskConfig<'authorizationWatch'> = {
  slug: 'authorizationWatch',
  inputSchema: [{ name: 'limit', type: 'number' }],
  outputSchema: [
    { name: 'warned', type: 'number' },
    { name: 'requeued', type: 'number' },
  ],
  handler: async ({ input, req }) => {
    const now = new Date()
    const limit = input?.limit ?? 100
    const opts = { req, overrideAccess: true, depth: 0 } as const

    const expiring = await req.payload.find({
      collection: 'assignments',
      where: {
        and: [
          { 'payment.paymentIntentId': { exists: true } },
          { 'payment.authorizationExpiresAt': { less_than_equal: new Date(now.getTime() + EXPIRY_WARNING_MS).toISOString() } },
          { 'payment.expiryWarnedAt': { exists: false } },
          { 'payment.releasedAt': { exists: false } },
          { status: { not_in: ['rejected', 'cancelled'] } },
          { payoutStatus: { in: ['none', 'capture_pending', 'failed'] } },
        ],
      },
      limit,
      ...opts,
    })
    let warned = 0
    for (const a of expiring.docs) {
      const expiresAt = new Date(a.payment!.authorizationExpiresAt!)
      const warnedAt = a.payment?.expiryWarnedAt ? new Date(a.payment.expiryWarnedAt) : null
      if (!shouldWarnBeforeLapse({ expiresAt, warnedAt, now })) continue
      await inTransaction(req, async () => {
        await req.payload.update({
          collection: 'assignments',
          id: a.id,
          data: { payment: { ...a.payment, expiryWarnedAt: now.toISOString() } },
          ...opts,
          context: actionContext('warnAuthorizationExpiry', 'system'),
        })
        await notifyOps(req, {
          kind: 'authorization_expiring',
          assignmentId: a.id,
          customerId: Number(idOf(a.customer)),
          providerId: Number(idOf(a.provider)),
          occurrence: a.payment!.paymentIntentId!,
          subject: `Card hold for assignment ${a.id} lapses ${expiresAt.toISOString()}`,
          text:
            `The card authorisation ${a.payment!.paymentIntentId} (${formatMoney({ amount: a.amount ?? 0, currency: a.currency ?? 'USD' })}) ` +
            `for assignment ${a.id} (status ${a.status}) lapses at ${expiresAt.toISOString()} and has not been captured. ` +
            'After that Stripe cannot capture it: the payout will need settling by hand.',
        })
      })
      warned++
    }

    const stale = new Date(now.getTime() - CAPTURE_LEASE_MS).toISOString()
    const stuck = await req.payload.find({
      collection: 'payouts',
      where: {
        and: [
          { status: { equals: 'capture_pending' } },
          {
            or: [
              { nextAttemptAt: { less_than: stale } },
              { and: [{ nextAttemptAt: { exists: false } }, { updatedAt: { less_than: stale } }] },
            ],
          },
        ],
      },
      limit,
      ...opts,
    })
    for (const p of stuck.docs) await queueCapture(req, p.id)
    return { output: { warned, requeued: stuck.docs.length } }
  },
}
