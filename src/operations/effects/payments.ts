import type { PayloadRequest } from 'payload'

import { PaymentsService, queueCapture } from '../../services/payments'
import type { DomainEvent } from '.'

/** Events after which the customer's card hold will never be captured. */
const RELEASES_HOLD = new Set(['assignment.cancelled', 'assignment.requeued', 'assignment.rejected', 'payout.rejected', 'job.cancelled'])

/**
 * The Stripe work an event asks for, queued as tasks that run after commit: release a hold that will never be
 * captured, or capture a payout that is `capture_pending`. Both tasks are idempotent (stable Stripe keys, state checks).
 */
export async function queuePayments(req: PayloadRequest, event: DomainEvent): Promise<void> {
  if (RELEASES_HOLD.has(event.type) && event.assignmentId) {
    await PaymentsService.releaseAuthorization(req, event.assignmentId)
  }
  const payout = event.data.payout as { id?: number; status?: string } | undefined
  if (payout?.id && payout.status === 'capture_pending') await queueCapture(req, payout.id)
}
