import type { Endpoint } from 'payload'

import { readBody } from '../../../services/actions/request'
import { inTransaction } from '../../../services/actions/transaction'
import { optionalText } from '../../../services/payments/actionInput'
import { requireOps, reviewPayout } from '../../../services/payments/review'

/** POST /api/payouts/:id/approve `{ note? }` — Ops approves a payout waiting for review. Twice, or after a rejection: 409. */
export const approvePayout: Endpoint = {
  path: '/:id/approve',
  method: 'post',
  handler: async (req) => {
    requireOps(req, 'approve')
    const note = optionalText(await readBody(req), 'note', 'The note')
    const payout = await inTransaction(req, () => reviewPayout(req, 'approve', note))
    return Response.json({ payout }, { status: 200 })
  },
}
