import type { Endpoint } from 'payload'

import { actionContext, readAsUser, readBody, requireUser, routeId, transition } from '../../../services/actions/request'
import { inTransaction } from '../../../services/actions/transaction'
import { checkVersion, parseChecklist, parseVersion } from '../../../services/payments/actionInput'
import { lockAssignment } from '../../../services/payments/locks'

/**
 * POST /api/assignments/:id/complete — the assigned provider says the work is done, optionally with a checklist
 * `{ checklist: { items: string[], note?: string } }`. Only a scheduled visit can be completed.
 */
export const completeAssignment: Endpoint = {
  path: '/:id/complete',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const id = routeId(req)
    const body = await readBody(req)
    const checklist = parseChecklist(body.checklist)
    const version = parseVersion(body)
    const assignment = await inTransaction(req, async () => {
      await readAsUser(req, 'assignments', id, 'assignment')
      const locked = await lockAssignment(req, id)
      checkVersion(version, locked)
      const to = transition('assignment', locked.status as 'scheduled', 'complete', user.role)
      const current = await req.payload.findByID({ collection: 'assignments', id, req, overrideAccess: true, depth: 0 })
      return req.payload.update({
        collection: 'assignments',
        id,
        data: {
          status: to,
          timestamps: { ...current.timestamps, providerCompletedAt: new Date().toISOString() },
          completionChecklist: checklist,
        },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('complete', user.role),
      })
    })
    return Response.json({ assignment }, { status: 200 })
  },
}
