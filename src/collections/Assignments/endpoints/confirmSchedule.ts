import type { Endpoint } from 'payload'

import { actionContext, bodyId, readAsUser, readBody, requireUser, routeId, transition } from '../../../services/actions/request'
import { moveEach } from '../../../services/actions/moveEach'
import { inTransaction } from '../../../services/actions/transaction'
import { inviteFor, visitDetails } from '../../../services/calendar/visit'
import { notify } from '../../../services/notifications'
import { lockAssignment, sideOf } from '../../../services/scheduling/parties'
import { badRequest, conflict, forbidden } from '../../../utilities/errors'
import { idOf, sameId } from '../../../utilities/idOf'

const positiveInt = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0

/**
 * POST /api/assignments/:id/schedule/confirm — the other side picks one window of an open proposal. `version` must be
 * the assignment's current version (409 otherwise, with the current one). The assignment row is locked, and the
 * database's exclusion constraint refuses a second overlapping visit for the provider, so two confirms can never
 * both book the same provider twice. Confirming a scheduled assignment moves the visit (reschedule).
 */
export const confirmSchedule: Endpoint = {
  path: '/:id/schedule/confirm',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const id = routeId(req)
    const body = await readBody(req)
    if (!positiveInt(body.version) || (body.version as number) < 1) throw badRequest('version must be the whole number you last read.', 'version')
    const proposalId = bodyId(body, 'proposalId')
    if (!positiveInt(body.windowIndex)) throw badRequest('windowIndex must be a whole number from 0.', 'windowIndex')
    const visible = await readAsUser(req, 'assignments', id, 'assignment')
    const side = sideOf(user, visible)

    const result = await inTransaction(req, async () => {
      const proposal = await req.payload.findByID({
        collection: 'schedule-proposals',
        id: proposalId,
        depth: 0,
        req,
        overrideAccess: true,
        disableErrors: true,
      })
      if (!proposal || !sameId(proposal.assignment, id)) throw badRequest(`Proposal ${proposalId} is not a proposal for assignment ${id}.`, 'proposalId')
      const window = proposal.windows?.[body.windowIndex as number]
      if (!window) throw badRequest(`windowIndex must be from 0 to ${(proposal.windows?.length ?? 1) - 1}.`, 'windowIndex')
      if (proposal.proposerRole === side) throw forbidden('You cannot confirm your own proposal: the other side confirms it.')

      const current = await lockAssignment(req, id)
      if (!current) throw conflict(`Assignment ${id} is gone.`)
      if (current.version !== body.version) {
        throw conflict(`Assignment ${id} changed since you read it (version ${current.version}, you sent ${body.version}).`, {
          currentVersion: current.version,
          state: current.status,
        })
      }
      const action = current.status === 'scheduled' ? 'reschedule' : 'confirmSchedule'
      transition('assignment', current.status, action, side)
      if (proposal.status !== 'open') throw conflict(`Proposal ${proposal.id} is ${proposal.status}.`, { state: proposal.status })
      const start = new Date(window.start)
      const end = new Date(window.end)
      if (start.getTime() <= Date.now()) throw conflict('That window has already started; propose new times.')

      const version = current.version + 1
      const sequence = action === 'reschedule' ? current.calendarSequence + 1 : current.calendarSequence
      const assignment = await req.payload.update({
        collection: 'assignments',
        id,
        data: {
          status: 'scheduled',
          scheduledStart: start.toISOString(),
          scheduledEnd: end.toISOString(),
          version,
          calendarSequence: sequence,
          timestamps: { ...visible.timestamps, scheduledAt: new Date().toISOString() },
        },
        req,
        overrideAccess: true,
        depth: 0,
        context: { ...actionContext(action, side), versionSet: true },
      })
      await req.payload.update({
        collection: 'schedule-proposals',
        id: proposal.id,
        data: { status: 'confirmed', confirmedWindow: { index: body.windowIndex as number, start: window.start, end: window.end } },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('confirm', side),
      })
      await moveEach(req, 'schedule-proposals', { and: [{ assignment: { equals: id } }, { status: { equals: 'open' } }] }, 'superseded', 'supersede')

      const details = await visitDetails(req, assignment)
      if (details) {
        const moved = action === 'reschedule'
        await notify(req, {
          kind: moved ? 'schedule_changed' : 'schedule_confirmed',
          assignmentId: id,
          customerId: Number(idOf(assignment.customer)),
          providerId: Number(idOf(assignment.provider)),
          to: [
            { userId: Number(idOf(assignment.customer)), role: 'customer' },
            { userId: Number(idOf(assignment.provider)), role: 'provider' },
          ],
          occurrence: `v${version}`,
          subject: `${moved ? 'Visit moved' : 'Visit confirmed'}: ${details.job.title}, ${details.when}`,
          text: [
            `${moved ? 'The visit has moved to' : 'The visit is booked for'} ${details.when}.`,
            `Job: ${details.job.title}`,
            `Where: ${details.event.location}`,
            `Provider: ${details.provider.name} · Customer: ${details.customer.name}`,
            '',
            `Add to Google Calendar: ${details.googleUrl}`,
            'The attached invite (invite.ics) adds it to Outlook, Apple Calendar and others.',
          ].join('\n'),
          ics: { method: 'REQUEST', content: inviteFor(details, 'REQUEST') },
        })
      }
      return { assignment, proposalId: proposal.id, action }
    })
    return Response.json(result, { status: 200 })
  },
}
