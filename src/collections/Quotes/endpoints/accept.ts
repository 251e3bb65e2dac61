import type { Endpoint } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { actionContext, readAsUser, requireUser, routeId, transition } from '../../../services/actions/request'
import { moveEach } from '../../../services/actions/moveEach'
import { inTransaction, sqlOf } from '../../../services/actions/transaction'
import { notify } from '../../../services/notifications'
import { authorizeAfterAcceptance } from '../../../services/scheduling/hooks'
import { conflict } from '../../../utilities/errors'
import { idOf } from '../../../utilities/idOf'

/**
 * POST /api/quotes/:id/accept — the job's customer accepts a provider's quote: the quote is accepted, the job's other
 * pending quotes declined, the job assigned, and an assignment created waiting for a visit time. The job row is
 * locked first, so of two accepts racing on one job exactly one wins; the other gets 409.
 */
export const acceptQuote: Endpoint = {
  path: '/:id/accept',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const quoteId = routeId(req)
    const result = await inTransaction(req, async () => {
      const visible = await readAsUser(req, 'quotes', quoteId, 'quote')
      const jobId = Number(idOf(visible.job))
      const db = await sqlOf(req)
      const locked = await db.execute(sql`SELECT id, status FROM jobs WHERE id = ${jobId} FOR UPDATE`)
      const job = locked.rows[0] as { id: number; status: string } | undefined
      // re-read under the lock: an accept that committed while we waited has changed the quote
      const quote = await req.payload.findByID({ collection: 'quotes', id: quoteId, req, depth: 0, overrideAccess: true })
      transition('quote', quote.status ?? 'pending', 'accept', user.role)
      if (!job || job.status !== 'open') {
        throw conflict(`Job ${jobId} is ${job?.status ?? 'gone'}: a quote was already accepted or the job was closed.`, {
          state: job?.status,
        })
      }
      transition('job', 'open', 'assign', 'system')

      const now = new Date().toISOString()
      const accepted = await req.payload.update({
        collection: 'quotes',
        id: quoteId,
        data: { status: 'accepted' },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('accept', user.role),
      })
      const declined = await moveEach(
        req,
        'quotes',
        { and: [{ job: { equals: jobId } }, { status: { equals: 'pending' } }, { id: { not_equals: quoteId } }] },
        'declined',
        'decline',
      )
      const jobDoc = await req.payload.update({
        collection: 'jobs',
        id: jobId,
        data: { status: 'assigned', assignedProvider: Number(idOf(accepted.provider)) },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('assign', 'system'),
      })
      const assignment = await req.payload.create({
        collection: 'assignments',
        data: {
          job: jobId,
          quote: quoteId,
          customer: Number(idOf(jobDoc.customer)),
          provider: Number(idOf(accepted.provider)),
          status: 'pending_schedule',
          version: 1,
          payoutStatus: 'none',
          timeZone: jobDoc.timeZone ?? 'UTC',
          amount: accepted.amount,
          currency: accepted.currency ?? 'USD',
          timestamps: { acceptedAt: now },
        },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('accept', user.role),
      })
      await authorizeAfterAcceptance(req, assignment.id)
      await notify(req, {
        kind: 'quote_accepted',
        assignmentId: assignment.id,
        customerId: Number(idOf(jobDoc.customer)),
        providerId: Number(idOf(accepted.provider)),
        to: [{ userId: Number(idOf(accepted.provider)), role: 'provider' }],
        occurrence: `q${quoteId}`,
        subject: `Your quote for "${jobDoc.title}" was accepted`,
        text: `Good news: the customer accepted your quote for "${jobDoc.title}". Propose visit windows in Jobline to schedule the visit.`,
      })
      return { quote: accepted, assignment, declined }
    })
    return Response.json(result, { status: 200 })
  },
}
