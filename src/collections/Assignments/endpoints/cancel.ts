import type { Endpoint } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { actionContext, readAsUser, readBody, requireUser, routeId, transition } from '../../../services/actions/request'
import { inTransaction, sqlOf } from '../../../services/actions/transaction'
import { inviteFor, visitDetails } from '../../../services/calendar/visit'
import { notify } from '../../../services/notifications'
import { releaseAfterCancellation } from '../../../services/scheduling/hooks'
import { lockAssignment } from '../../../services/scheduling/parties'
import { badRequest, conflict } from '../../../utilities/errors'
import { idOf, sameId } from '../../../utilities/idOf'

/**
 * POST /api/assignments/:id/cancel — the customer (or Ops) calls the job off before completion. The assignment and its
 * job are cancelled, reminders still pending are suppressed, and if a visit was booked both sides get a
 * METHOD:CANCEL invite with the same UID so calendars remove it.
 */
export const cancelAssignment: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const id = routeId(req)
    const body = await readBody(req)
    if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 1000)) {
      throw badRequest('reason must be text of at most 1000 characters.', 'reason')
    }
    const visible = await readAsUser(req, 'assignments', id, 'assignment')
    const actor = user.role === 'customer' && sameId(visible.customer, user.id) ? 'customer' : user.role
    const result = await inTransaction(req, async () => {
      const current = await lockAssignment(req, id)
      if (!current) throw conflict(`Assignment ${id} is gone.`)
      if (body.version !== undefined && body.version !== current.version) {
        throw conflict(`Assignment ${id} changed since you read it.`, { currentVersion: current.version, state: current.status })
      }
      transition('assignment', current.status, 'cancel', actor)
      const wasScheduled = current.status === 'scheduled'
      const assignment = await req.payload.update({
        collection: 'assignments',
        id,
        data: {
          status: 'cancelled',
          version: current.version + 1,
          calendarSequence: wasScheduled ? current.calendarSequence + 1 : current.calendarSequence,
          timestamps: { ...visible.timestamps, cancelledAt: new Date().toISOString() },
        },
        req,
        overrideAccess: true,
        depth: 0,
        context: { ...actionContext('cancel', actor), versionSet: true },
      })
      const jobId = Number(idOf(assignment.job))
      const job = await req.payload.findByID({ collection: 'jobs', id: jobId, depth: 0, req, overrideAccess: true })
      if (job.status === 'open' || job.status === 'assigned') {
        transition('job', job.status, 'cancel', actor)
        await req.payload.update({ collection: 'jobs', id: jobId, data: { status: 'cancelled' }, req, overrideAccess: true, depth: 0, context: actionContext('cancel', actor) })
      }
      const db = await sqlOf(req)
      await db.execute(sql`UPDATE reminder_logs SET status = 'suppressed', reason = 'cancelled', lease_until = NULL, updated_at = now()
        WHERE assignment_id = ${id} AND status = 'pending' AND kind NOT IN ('visit_cancelled')`)
      await releaseAfterCancellation(req, id)
      const details = wasScheduled ? await visitDetails(req, assignment) : null
      if (details) {
        await notify(req, {
          kind: 'visit_cancelled',
          assignmentId: id,
          customerId: Number(idOf(assignment.customer)),
          providerId: Number(idOf(assignment.provider)),
          to: [
            { userId: Number(idOf(assignment.customer)), role: 'customer' },
            { userId: Number(idOf(assignment.provider)), role: 'provider' },
          ],
          occurrence: `v${assignment.version}`,
          subject: `Visit cancelled: ${details.job.title}, ${details.when}`,
          text: `The visit for "${details.job.title}" on ${details.when} is cancelled.${body.reason ? `\nReason: ${String(body.reason)}` : ''}`,
          ics: { method: 'CANCEL', content: inviteFor(details, 'CANCEL') },
        })
      }
      return { assignment }
    })
    return Response.json(result, { status: 200 })
  },
}
