import type { PayloadRequest } from 'payload'

import { PaymentsService } from '../payments'

/**
 * Hold the customer's card for the accepted amount when payments are configured (the payments service decides
 * whether Stripe keys and a payment method exist; without them it does nothing).
 */
export async function authorizeAfterAcceptance(req: PayloadRequest, assignmentId: number): Promise<void> {
  await PaymentsService.authorizeForAssignment(req, { assignmentId })
}

/** Let go of a held authorisation when the visit is called off (idempotent; nothing held, nothing done). */
export async function releaseAfterCancellation(req: PayloadRequest, assignmentId: number): Promise<void> {
  await PaymentsService.releaseAuthorization(req, assignmentId)
}
