import type { PayloadRequest } from 'payload'

/**
 * Hold the customer's card for the accepted amount when payments are configured (the payments service decides
 * whether Stripe keys and a payment method exist); scheduling never depends on it.
 */
export async function authorizeAfterAcceptance(_req: PayloadRequest, _assignmentId: number): Promise<void> {
  // wired to PaymentsService.authorizeForAssignment once the payments service lands (issue 5)
}
