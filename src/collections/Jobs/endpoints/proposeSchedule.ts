import type { Endpoint } from 'payload'

import { windowConflicts } from '../../../domain/availability'
import { validateProposalWindows } from '../../../domain/proposals'
import { timeZoneProblem } from '../../../domain/timeZones'
import { formatWindowInZone } from '../../../domain/zonedTime'
import { env } from '../../../env'
import type { User } from '../../../payload-types'
import { actionContext, readAsUser, readBody, requireUser, routeId } from '../../../services/actions/request'
import { moveEach } from '../../../services/actions/moveEach'
import { inTransaction } from '../../../services/actions/transaction'
import { notify } from '../../../services/notifications'
import { availabilityOf, otherVisits } from '../../../services/scheduling/context'
import { lockAssignment, sideOf } from '../../../services/scheduling/parties'
import { APIError } from 'payload'
import { badRequest, conflict } from '../../../utilities/errors'
import { idOf } from '../../../utilities/idOf'

/**
 * POST /api/jobs/:id/schedule — the job's customer or its assigned provider offers 1–5 visit windows. A new proposal
 * from the same side replaces its open one. The answer lists, per window, what it conflicts with (the provider's
 * other visits, working hours, blackouts, the customer's preferences): information, not a refusal.
 */
export const proposeSchedule: Endpoint = {
  path: '/:id/schedule',
  method: 'post',
  handler: async (req) => {
    const user = requireUser(req)
    const jobId = routeId(req)
    const body = await readBody(req)
    const job = await readAsUser(req, 'jobs', jobId, 'job')

    const timeZone = body.timeZone === undefined ? (job.timeZone ?? 'UTC') : body.timeZone
    const zoneProblem = timeZoneProblem(timeZone)
    if (zoneProblem) throw badRequest(zoneProblem, 'timeZone')
    if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > 1000)) {
      throw badRequest('Note must be text of at most 1000 characters.', 'note')
    }
    const rules = env().scheduling
    const checked = validateProposalWindows(body.windows, {
      now: new Date(),
      minMinutes: rules.minWindowMinutes,
      maxMinutes: rules.maxWindowMinutes,
      minNoticeMinutes: rules.minNoticeMinutes,
      maxDaysAhead: rules.maxDaysAhead,
    })
    if (!checked.ok) {
      throw new APIError(checked.errors[0].message, 400, { errors: checked.errors.map((e) => ({ path: e.field, message: e.message })) }, true)
    }

    const result = await inTransaction(req, async () => {
      const { docs } = await req.payload.find({
        collection: 'assignments',
        where: { and: [{ job: { equals: jobId } }, { status: { in: ['pending_schedule', 'scheduled'] } }] },
        limit: 1,
        depth: 0,
        req,
        overrideAccess: true,
      })
      if (!docs[0]) throw conflict(`Job ${jobId} has no assignment waiting for a visit time.`, { state: job.status })
      const side = sideOf(user, docs[0])
      const assignment = await lockAssignment(req, docs[0].id)
      if (!assignment || !['pending_schedule', 'scheduled'].includes(assignment.status)) {
        throw conflict(`The assignment is ${assignment?.status ?? 'gone'}: it can no longer be scheduled.`, { state: assignment?.status })
      }

      await moveEach(
        req,
        'schedule-proposals',
        { and: [{ assignment: { equals: assignment.id } }, { status: { equals: 'open' } }, { proposerRole: { equals: side } }] },
        'superseded',
        'supersede',
      )
      const customerId = Number(idOf(docs[0].customer))
      const providerId = Number(idOf(docs[0].provider))
      const proposal = await req.payload.create({
        collection: 'schedule-proposals',
        data: {
          assignment: assignment.id,
          customer: customerId,
          provider: providerId,
          proposedBy: user.id,
          proposerRole: side,
          windows: checked.windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
          timeZone: timeZone as string,
          note: (body.note as string | undefined) ?? null,
          status: 'open',
        },
        req,
        overrideAccess: true,
        depth: 0,
        context: actionContext('propose', side),
      })

      const provider = (await req.payload.findByID({ collection: 'users', id: providerId, depth: 0, req, overrideAccess: true })) as User
      const from = new Date(Math.min(...checked.windows.map((w) => w.start.getTime())))
      const to = new Date(Math.max(...checked.windows.map((w) => w.end.getTime())))
      const visits = await otherVisits(req, providerId, assignment.id, from, to)
      const preferredWindows = (job.preferredWindows ?? []).map((w) => ({ start: new Date(w.start), end: new Date(w.end) }))
      const conflicts = checked.windows.map((window, windowIndex) => ({
        windowIndex,
        start: window.start.toISOString(),
        end: window.end.toISOString(),
        local: formatWindowInZone(window, timeZone as string),
        conflicts: windowConflicts(window, {
          availability: availabilityOf(provider),
          otherVisits: visits,
          preferredWindows,
          displayTimeZone: timeZone as string,
        }),
      }))

      const other = side === 'customer' ? { userId: providerId, role: 'provider' as const } : { userId: customerId, role: 'customer' as const }
      await notify(req, {
        kind: 'schedule_proposed',
        assignmentId: assignment.id,
        customerId,
        providerId,
        to: [other],
        occurrence: `p${proposal.id}`,
        subject: `New visit times proposed for "${job.title}"`,
        text: [
          `The ${side} proposed these visit windows for "${job.title}":`,
          ...conflicts.map((c) => `  ${c.windowIndex + 1}. ${c.local}`),
          body.note ? `Note: ${String(body.note)}` : '',
          'Confirm one in Jobline.',
        ]
          .filter(Boolean)
          .join('\n'),
      })
      return { proposal, assignment: { id: assignment.id, version: assignment.version, status: assignment.status }, conflicts }
    })
    return Response.json(result, { status: 201 })
  },
}
