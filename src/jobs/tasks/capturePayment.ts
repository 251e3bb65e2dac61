import type { TaskConfig } from 'payload'

import { runCaptureAttempt } from '../../services/payments/capture'

/**
 * One capture attempt for a payout. Stripe failures are handled inside (a retry is a new job with `waitUntil`, so no
 * process sleeps); the task's own retries only cover failing to record a result, and repeat the same idempotent call.
 */
export const capturePaymentTask: TaskConfig<'capturePayment'> = {
  slug: 'capturePayment',
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
  inputSchema: [{ name: 'payoutId', type: 'number', required: true }],
  outputSchema: [{ name: 'result', type: 'text' }],
  handler: async ({ input, req }) => {
    const outcome = await runCaptureAttempt(req, input.payoutId)
    return { output: { result: outcome.result } }
  },
}
