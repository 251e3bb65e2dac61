import type { Assignment, Payout } from '../payload-types'
import { captureIdempotencyKey } from '../domain/payments'
import { stripeConfigured } from '../services/payments/stripe'
import { idOf } from '../utilities/idOf'
import { transition, writeRow, type ActionContext } from './pipeline'

const NO_KEYS_REASON = 'No Stripe keys configured: Ops approves the payout by hand.'
const NO_AUTHORIZATION_REASON = 'No card authorisation was held for this job: Ops approves the payout by hand.'

let warnedNoKeys = false

/**
 * How a verified assignment's provider gets paid: by capturing the card hold when Stripe is configured and a hold is
 * still there, else by Ops approving a manual payout. Returns the payout action of the lifecycle table.
 */
export function payoutActionFor(assignment: Assignment): 'requestCapture' | 'requestReview' {
  const held = !!assignment.payment?.paymentIntentId && !assignment.payment?.releasedAt
  return stripeConfigured() && held ? 'requestCapture' : 'requestReview'
}

/**
 * Records what the provider is owed once work is verified (by the customer, the system, or Ops resolving a dispute):
 * a `capture_pending` payout whose idempotency key is stored before any Stripe call, or a `pending_review` payout for
 * Ops. Its status comes from the table (payout `none` → requestCapture / requestReview). The capture itself is queued
 * by the event's effects after this; an assignment that already has a payout keeps it.
 */
export async function openPayout(ctx: ActionContext<'assignments'>): Promise<Payout> {
  const { req } = ctx
  const assignment = ctx.subject
  const existing = await req.payload.find({ collection: 'payouts', where: { assignment: { equals: assignment.id } }, limit: 1, req, overrideAccess: true, depth: 0 })
  if (existing.docs[0]) return (ctx.state.payout = existing.docs[0])
  const action = payoutActionFor(assignment)
  if (!stripeConfigured() && !warnedNoKeys) {
    warnedNoKeys = true
    req.payload.logger.warn('STRIPE_SECRET_KEY is not set: verified jobs create payouts for Ops to approve by hand (logged once per process).')
  }
  const status = transition('payout', 'none', action, 'system') as Payout['status']
  const capture = action === 'requestCapture'
  const payout = await req.payload.create({
    collection: 'payouts',
    data: {
      reference: `PO-${assignment.id}`,
      assignment: assignment.id,
      customer: Number(idOf(assignment.customer)),
      provider: Number(idOf(assignment.provider)),
      amount: assignment.amount as number,
      currency: assignment.currency ?? 'USD',
      method: capture ? 'stripe' : 'manual',
      status,
      manualReason: capture ? null : stripeConfigured() ? NO_AUTHORIZATION_REASON : NO_KEYS_REASON,
      paymentIntentId: assignment.payment?.paymentIntentId ?? null,
      // stored before the first Stripe call: every attempt, from any process, sends this same key
      idempotencyKey: capture ? captureIdempotencyKey(assignment.id) : null,
      authorizationExpiresAt: assignment.payment?.authorizationExpiresAt ?? null,
      attempts: 0,
      version: 1,
    },
    req,
    overrideAccess: true,
    depth: 0,
    context: { transition: { action, actorRole: 'system' }, trusted: true },
  })
  ctx.facts.payout = { id: payout.id, reference: payout.reference, status: payout.status, method: payout.method, manualReason: payout.manualReason }
  return (ctx.state.payout = payout)
}

/**
 * An assignment shows its payout's status (`payoutStatus`) so lists and KPIs need no join; every payout action writes
 * it in the same transaction. It mirrors the payout, so it does not move the assignment's version.
 */
export async function mirrorPayoutStatus(ctx: ActionContext<'payouts'>, extra: Partial<Assignment> = {}): Promise<void> {
  const assignment = ctx.parents.assignments!
  await writeRow(ctx.req, 'assignments', assignment as never, { payoutStatus: ctx.to as Assignment['payoutStatus'], ...extra }, {
    transition: { action: ctx.action, actorRole: ctx.actor },
    trusted: true,
    versionSet: true,
  })
}
