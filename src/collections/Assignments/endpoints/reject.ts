import type { Endpoint } from 'payload'

import { actionContext, readAsUser, readBody, requireUser, routeId, transition } from '../../../services/actions/request'
import { moveEach } from '../../../services/actions/moveEach'
import { inTransaction } from '../../../services/actions/transaction'
import { PaymentsService } from '../../../services/payments'
import { checkVersion, parseVersion, requiredText } from '../../../services/payments/actionInput'
import { lockAssignment, lockJob } from '../../../services/payments/locks'
import { notifyOps } from '../../../services/payments/ops'
import { notify } from '../../../services/notifications'
import { idOf } from '../../../utilities/idOf'

/**
 * POST /api/assignments/:id/reject `{ reason }` — the assigned provider gives the job back, any time before they
 * complete it: the assignment is `rejected`, the job open again for quotes without them (they are excluded and no
 * longer see it), its pending reminders suppressed and open proposals expired, the card hold released, and the
 * customer, provider and Ops told.
 */
export const rejectAssignment: Endpoint = {
  path: '/:id/reject',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const id = routeId(req)
    const body = await readBody(req)
    const reason = requiredText(body, 'reason', 'A reason for giving the job back')
    const version = parseVersion(body)
    const result = await inTransaction(req, async () => {
      await readAsUser(req, 'assignments', id, 'assignment')
      const locked = await lockAssignment(req, id)
      checkVersion(version, locked)
      const to = transition('assignment', locked.status as 'scheduled', 'reject', user.role)
      const current = await req.payload.findByID({ collection: 'assignments', id, req, overrideAccess: true, depth: 0 })
      const providerId = Number(idOf(current.provider))
      const customerId = Number(idOf(current.customer))
      const assignment = await req.payload.update({
        collection: 'assignments',
        id,
        data: { status: to, rejectionReason: reason, timestamps: { ...current.timestamps, rejectedAt: new Date().toISOString() } },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('reject', user.role),
      })

      const jobId = Number(idOf(current.job))
      const lockedJob = await lockJob(req, jobId)
      const jobBefore = await req.payload.findByID({ collection: 'jobs', id: jobId, req, overrideAccess: true, depth: 0 })
      const excluded = new Set((jobBefore.excludedProviders ?? []).map((p) => Number(idOf(p))))
      excluded.add(providerId)
      const job = await req.payload.update({
        collection: 'jobs',
        id: jobId,
        data: {
          ...(lockedJob.status === 'assigned' ? { status: transition('job', 'assigned', 'requeue', 'system') } : {}),
          assignedProvider: null,
          excludedProviders: [...excluded],
        },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('requeue', 'system'),
      })

      // before the notifications below, which are pending rows of this assignment too
      const suppressed = await req.payload.update({
        collection: 'reminder-logs',
        where: { and: [{ assignment: { equals: id } }, { status: { equals: 'pending' } }] },
        data: { status: 'suppressed', reason: 'rejected' },
        req,
        overrideAccess: true,
        depth: 0,
      })
      // a visit time can no longer be agreed for this assignment
      await moveEach(req, 'schedule-proposals', { and: [{ assignment: { equals: id } }, { status: { equals: 'open' } }] }, 'expired', 'expire')
      const released = await PaymentsService.releaseAuthorization(req, id)

      const message = {
        kind: 'assignment_rejected' as const,
        assignmentId: id,
        customerId,
        providerId,
        occurrence: `v${assignment.version}`,
        subject: `"${job.title}" is open for quotes again`,
        text: `The provider gave back "${job.title}": ${reason}\n\nThe job is open again and other providers can quote on it.`,
      }
      await notify(req, {
        ...message,
        to: [
          { userId: customerId, role: 'customer' },
          { userId: providerId, role: 'provider' },
        ],
      })
      await notifyOps(req, message)
      return { assignment, job, suppressedReminders: suppressed.docs.length, authorizationReleased: released }
    })
    return Response.json(result, { status: 200 })
  },
}
