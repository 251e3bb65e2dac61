import type { Endpoint } from 'payload'

import { readBody } from '../../../services/actions/request'
import { inTransaction } from '../../../services/actions/transaction'
import { requiredText } from '../../../services/payments/actionInput'
import { requireOps, reviewPayout } from '../../../services/payments/review'

/** POST /api/payouts/:id/reject `{ note }` — Ops refuses a payout waiting for review; the note says why. */
export const rejectPayout: Endpoint = {
  path: '/:id/reject',
  method: 'post',
  handler: async (req) => {
    requireOps(req, 'reject')
    const note = requiredText(await readBody(req), 'note', 'A note explaining the rejection')
    const payout = await inTransaction(req, () => reviewPayout(req, 'reject', note))
    return Response.json({ payout }, { status: 200 })
  },
}
