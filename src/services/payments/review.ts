import type { PayloadRequest } from 'payload'

import { actionContext, readAsUser, requireUser, routeId, transition } from '../actions/request'
import { PaymentsService } from './index'
import { lockPayout } from './locks'
import { notify } from '../notifications'
import { forbidden } from '../../utilities/errors'
import { idOf } from '../../utilities/idOf'
import type { Payout } from '../../payload-types'

/** The signed-in Ops user; anyone else gets 403 before their input is even looked at. */
export function requireOps(req: PayloadRequest, what: string) {
  const user = requireUser(req)
  if (user.role !== 'ops') throw forbidden(`Only Ops can ${what} payouts.`)
  return user
}

/**
 * Ops decides a payout: approve (paid by hand) or reject. A failed capture Ops chooses to settle by hand goes through
 * review first (`failed → pending_review → approved/rejected`, both recorded). Runs inside the caller's transaction
 * with the payout row locked, so approving twice at once still approves once (the second is a 409).
 */
export async function reviewPayout(req: PayloadRequest, decision: 'approve' | 'reject', note: string | null) {
  const user = requireOps(req, decision)
  const id = routeId(req)
  await readAsUser(req, 'payouts', id, 'payout')
  const locked = await lockPayout(req, id)
  const opts = { req, overrideAccess: true, depth: 0 } as const
  let from = locked.status as 'pending_review'
  if ((locked.status as string) === 'failed') {
    from = transition('payout', 'failed', 'sendToReview', user.role) as 'pending_review'
    await req.payload.update({ collection: 'payouts', id, data: { status: from }, ...opts, context: actionContext('sendToReview', user.role) })
  }
  const to = transition('payout', from, decision, user.role) as Payout['status']
  const now = new Date().toISOString()
  const context = actionContext(decision, user.role)
  const payout = await req.payload.update({
    collection: 'payouts',
    id,
    data: { status: to, reviewedBy: user.id, reviewedAt: now, ...(note ? { note } : {}), nextAttemptAt: null },
    ...opts,
    context,
  })
  const assignment = await req.payload.findByID({ collection: 'assignments', id: Number(idOf(payout.assignment)), ...opts })
  await req.payload.update({
    collection: 'assignments',
    id: assignment.id,
    data: {
      payoutStatus: to,
      ...(decision === 'approve' ? { timestamps: { ...assignment.timestamps, paidAt: now } } : {}),
    },
    ...opts,
    context,
  })
  // a rejected payout will never be captured: let go of any card hold
  if (decision === 'reject') await PaymentsService.releaseAuthorization(req, assignment.id)
  await notify(req, {
    kind: 'payout_reviewed',
    assignmentId: assignment.id,
    customerId: Number(idOf(payout.customer)),
    providerId: Number(idOf(payout.provider)),
    to: [{ userId: Number(idOf(payout.provider)), role: 'provider' }],
    occurrence: `payout${id}-${to}`,
    subject: `Payout ${payout.reference} was ${to}`,
    text:
      decision === 'approve'
        ? `Ops approved payout ${payout.reference}; it is paid to you by hand.${note ? `\n\nNote: ${note}` : ''}`
        : `Ops rejected payout ${payout.reference}.\n\nReason: ${note}`,
  })
  return payout
}
