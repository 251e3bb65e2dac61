import { APIError } from 'payload'

import { windowConflicts } from '../domain/availability'
import { INITIAL_STATES } from '../domain/lifecycle'
import { validateProposalWindows } from '../domain/proposals'
import { timeZoneProblem } from '../domain/timeZones'
import type { Window } from '../domain/windows'
import { formatWindowInZone } from '../domain/zonedTime'
import { env } from '../env'
import type { Job, ScheduleProposal, User } from '../payload-types'
import { availabilityOf, otherVisits } from '../services/scheduling/context'
import { badRequest, conflict } from '../utilities/errors'
import { idOf } from '../utilities/idOf'
import type { ActionSpec } from './pipeline'
import { readAsUser } from './request'

type Input = { windows: Window[]; timeZone: string | null; note: string | null }

function parseProposal(body: Record<string, unknown>): Input {
  if (body.timeZone !== undefined) {
    const problem = timeZoneProblem(body.timeZone)
    if (problem) throw badRequest(problem, 'timeZone')
  }
  if (body.note !== undefined && body.note !== null && (typeof body.note !== 'string' || body.note.length > 1000)) {
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
  return { windows: checked.windows, timeZone: (body.timeZone as string | undefined) ?? null, note: (body.note as string | null | undefined) ?? null }
}

/**
 * The job's customer or its assigned provider offers 1–5 visit windows (`POST /api/jobs/:id/schedule`, with the
 * assignment's `version`). A new proposal from the same side supersedes its open one; the proposal is made under the
 * assignment's lock and moves its version, so the other side cannot confirm a window that is no longer on offer.
 * The answer lists, per window, what it conflicts with (the provider's other visits, working hours, blackouts, the
 * customer's preferences): information, not a refusal.
 */
export const proposeSchedule: ActionSpec<'assignments', Input> = {
  doc: {
    summary: "The job's customer or its assigned provider proposes 1–5 visit windows; the other side is told.",
    body: {
      windows: { type: 'array', required: true, description: '[{ "start": "2027-01-12T09:00:00-05:00", "end": "…" }]: ISO 8601 with an offset.' },
      timeZone: { type: 'string', description: "IANA zone the windows were chosen in (default: the job's)." },
      note: { type: 'string', description: 'At most 1000 characters.' },
    },
    answer: {
      proposal: { record: 'schedule-proposals' },
      assignment: { type: 'object', description: '{ id, version, status } of the assignment: its version moves on with every proposal.' },
      conflicts: { type: 'array', description: '[{ windowIndex, start, end, local, conflicts: [{ kind, message }] }] per window; they inform, they do not refuse.' },
    },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'propose',
  event: 'assignment.schedule_proposed',
  status: 201,
  input: parseProposal,
  locate: async (req, jobId) => {
    const job = await readAsUser(req, 'jobs', jobId, 'job')
    const { docs } = await req.payload.find({
      collection: 'assignments',
      where: { and: [{ job: { equals: jobId } }, { status: { in: ['pending_schedule', 'scheduled'] } }] },
      limit: 1,
      req,
      overrideAccess: true,
      depth: 0,
    })
    if (!docs[0]) throw conflict(`Job ${jobId} has no assignment waiting for a visit time.`, { state: job.status })
    return docs[0].id
  },
  then: async (ctx) => {
    const { req, subject: assignment, input, actor } = ctx
    const side = actor as 'customer' | 'provider'
    await ctx.moveEach(
      'schedule-proposals',
      { and: [{ assignment: { equals: assignment.id } }, { status: { equals: 'open' } }, { proposerRole: { equals: side } }] },
      'supersede',
    )
    const timeZone = input.timeZone ?? assignment.timeZone ?? 'UTC'
    const windows = input.windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() }))
    const proposal = (await req.payload.create({
      collection: 'schedule-proposals',
      data: {
        assignment: assignment.id,
        customer: Number(idOf(assignment.customer)),
        provider: Number(idOf(assignment.provider)),
        proposedBy: ctx.user!.id,
        proposerRole: side,
        windows,
        timeZone,
        note: input.note,
        status: INITIAL_STATES.proposal,
        version: 1,
      },
      req,
      overrideAccess: true,
      depth: 0,
      context: { transition: { action: 'propose', actorRole: side }, trusted: true },
    })) as ScheduleProposal
    Object.assign(ctx.facts, { proposalId: proposal.id, side, windows, note: input.note })
    ctx.state.proposal = proposal

    const job = (await req.payload.findByID({ collection: 'jobs', id: Number(idOf(assignment.job)), req, overrideAccess: true, depth: 0 })) as Job
    const provider = (await req.payload.findByID({ collection: 'users', id: Number(idOf(assignment.provider)), req, overrideAccess: true, depth: 0 })) as User
    const from = new Date(Math.min(...input.windows.map((w) => w.start.getTime())))
    const to = new Date(Math.max(...input.windows.map((w) => w.end.getTime())))
    const visits = await otherVisits(req, provider.id, assignment.id, from, to)
    const preferredWindows = (job.preferredWindows ?? []).map((w) => ({ start: new Date(w.start), end: new Date(w.end) }))
    ctx.state.conflicts = input.windows.map((window, windowIndex) => ({
      windowIndex,
      start: window.start.toISOString(),
      end: window.end.toISOString(),
      local: formatWindowInZone(window, timeZone),
      conflicts: windowConflicts(window, { availability: availabilityOf(provider), otherVisits: visits, preferredWindows, displayTimeZone: timeZone }),
    }))
  },
  respond: (ctx) => ({
    proposal: ctx.state.proposal,
    assignment: { id: ctx.subject.id, version: ctx.subject.version, status: ctx.subject.status },
    conflicts: ctx.state.conflicts,
  }),
}
