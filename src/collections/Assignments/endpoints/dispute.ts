import type { Endpoint } from 'payload'

import { actionContext, readAsUser, readBody, requireUser, routeId, transition } from '../../../services/actions/request'
import { inTransaction } from '../../../services/actions/transaction'
import { checkVersion, parseVersion, requiredText } from '../../../services/payments/actionInput'
import { lockAssignment } from '../../../services/payments/locks'
import { notifyOps } from '../../../services/payments/ops'
import { notify } from '../../../services/notifications'
import { idOf } from '../../../utilities/idOf'

/**
 * POST /api/assignments/:id/dispute `{ reason }` — the customer says the completed work is not right: `disputed`, Ops
 * alerted (and the provider told), no money moves until Ops resolves it.
 */
export const disputeAssignment: Endpoint = {
  path: '/:id/dispute',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const id = routeId(req)
    const body = await readBody(req)
    const reason = requiredText(body, 'reason', 'A reason for the dispute')
    const version = parseVersion(body)
    const assignment = await inTransaction(req, async () => {
      await readAsUser(req, 'assignments', id, 'assignment')
      const locked = await lockAssignment(req, id)
      checkVersion(version, locked)
      const to = transition('assignment', locked.status as 'completed', 'dispute', user.role)
      const updated = await req.payload.update({
        collection: 'assignments',
        id,
        data: { status: to, disputeReason: reason },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('dispute', user.role),
      })
      const job = await req.payload.findByID({ collection: 'jobs', id: Number(idOf(updated.job)), req, overrideAccess: true, depth: 0 })
      const parties = { customerId: Number(idOf(updated.customer)), providerId: Number(idOf(updated.provider)) }
      const message = {
        kind: 'dispute_opened' as const,
        assignmentId: id,
        ...parties,
        occurrence: `v${updated.version}`,
        subject: `Dispute opened on "${job.title}"`,
        text: `The customer disputed the completed work on "${job.title}": ${reason}\n\nNo payment moves until Ops resolves it.`,
      }
      await notifyOps(req, message)
      await notify(req, { ...message, to: [{ userId: parties.providerId, role: 'provider' }] })
      return updated
    })
    return Response.json({ assignment }, { status: 200 })
  },
}
