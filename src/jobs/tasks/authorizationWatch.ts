import type { TaskConfig } from 'payload'

import { sqlOf } from '../../db/sql'
import { CAPTURE_LEASE_MS, EXPIRY_WARNING_MS, shouldWarnBeforeLapse } from '../../domain/payments'
import { inTransaction } from '../../operations/transaction'
import { emit } from '../../services/notifications'
import { opsUserIds } from '../../services/notifications/recipients'
import { queueCapture } from '../../services/payments/capture'
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
          // a warning is not a move of the lifecycle: the assignment's version stays
          context: { trusted: true, versionSet: true },
        })
        const ops = await opsUserIds(await sqlOf(req))
        await emit(req, {
          kind: 'authorization_expiring',
          assignmentId: a.id,
          customerId: Number(idOf(a.customer)),
          providerId: Number(idOf(a.provider)),
          to: ops.map((userId) => ({ userId, role: 'ops' as const })),
          occurrence: a.payment!.paymentIntentId!,
          details: { expiresAt },
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
