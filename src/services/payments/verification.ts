import type { PayloadRequest } from 'payload'

import type { Actor } from '../../domain/roles'
import { idOf } from '../../utilities/idOf'
import { actionContext, transition } from '../actions/request'
import { PaymentsService } from './index'
import { checkVersion } from './actionInput'
import { lockAssignment, lockJob } from './locks'

/**
 * The verify move, shared by the customer's endpoint and the AUTO_VERIFY_DAYS task: locks the assignment, asks the
 * table, records `verified`, completes the job, and hands the money to the payments service, all in the caller's
 * transaction. Of two verifies racing, the second waits on the lock and then gets a 409 from the table.
 */
export async function verifyAssignment(req: PayloadRequest, assignmentId: number, actor: Actor, expectedVersion?: number) {
  const locked = await lockAssignment(req, assignmentId)
  checkVersion(expectedVersion, locked)
  const to = transition('assignment', locked.status as 'completed', 'verify', actor)
  const current = await req.payload.findByID({ collection: 'assignments', id: assignmentId, req, overrideAccess: true, depth: 0 })
  const context = actionContext('verify', actor)
  await req.payload.update({
    collection: 'assignments',
    id: assignmentId,
    data: { status: to, timestamps: { ...current.timestamps, customerVerifiedAt: new Date().toISOString() } },
    req,
    overrideAccess: true,
    depth: 0,
    context,
  })
  const jobId = Number(idOf(current.job))
  const job = await lockJob(req, jobId)
  if (job.status === 'assigned') {
    await req.payload.update({
      collection: 'jobs',
      id: jobId,
      data: { status: transition('job', 'assigned', 'complete', 'system') },
      req,
      overrideAccess: true,
      depth: 0,
      context: actionContext('complete', 'system'),
    })
  }
  const payout = await PaymentsService.handleCustomerVerification(req, assignmentId)
  const assignment = await req.payload.findByID({ collection: 'assignments', id: assignmentId, req, overrideAccess: true, depth: 0 })
  return { assignment, payout }
}
