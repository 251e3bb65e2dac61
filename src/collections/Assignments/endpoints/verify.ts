import type { Endpoint } from 'payload'

import { readAsUser, readBody, requireUser, routeId } from '../../../services/actions/request'
import { inTransaction } from '../../../services/actions/transaction'
import { parseVersion } from '../../../services/payments/actionInput'
import { verifyAssignment } from '../../../services/payments/verification'

/**
 * POST /api/assignments/:id/verify — the customer confirms the work was done: `verified`, the job completed, and the
 * provider's payout recorded (a queued Stripe capture, or a payout for Ops to approve when Stripe is not set up).
 */
export const verifyAssignmentEndpoint: Endpoint = {
  path: '/:id/verify',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const id = routeId(req)
    const version = parseVersion(await readBody(req))
    const result = await inTransaction(req, async () => {
      await readAsUser(req, 'assignments', id, 'assignment')
      return verifyAssignment(req, id, user.role, version)
    })
    return Response.json(result, { status: 200 })
  },
}
