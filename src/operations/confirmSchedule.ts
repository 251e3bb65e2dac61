import type { ProposalStatus } from '../domain/lifecycle'
import type { ScheduleProposal } from '../payload-types'
import { badRequest, conflict, forbidden } from '../utilities/errors'
import { sameId } from '../utilities/idOf'
import { requiredId, requiredInt } from './input'
import { lockRows } from './locks'
import { transition, type ActionSpec } from './pipeline'

type Input = { proposalId: number; windowIndex: number }

/**
 * The other side picks one window of an open proposal: the visit is booked (or, on a booked visit, moved). The
 * assignment is locked before the proposal is read, and every proposal is made under the same lock, so a superseded
 * proposal can never be booked; the database's exclusion constraint refuses a second overlapping visit for the
 * provider, so two confirms can never both book them twice.
 */
export const confirmSchedule: ActionSpec<'assignments', Input> = {
  doc: {
    summary: "The other side confirms one window of an open proposal: the visit is booked (or moved), with a calendar invite.",
    body: {
      proposalId: { type: 'integer', required: true, description: 'The open proposal of this assignment.' },
      windowIndex: { type: 'integer', required: true, description: 'Which of its windows, from 0.' },
    },
    answer: {
      assignment: { record: 'assignments' },
      proposalId: { type: 'integer', description: 'The proposal confirmed.' },
      action: { type: 'string', description: '`confirmSchedule` (first booking) or `reschedule` (the visit moved).' },
    },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: (a) => (a.status === 'scheduled' ? 'reschedule' : 'confirmSchedule'),
  event: (action) => (action === 'reschedule' ? 'assignment.rescheduled' : 'assignment.scheduled'),
  input: (body) => ({
    proposalId: requiredId(body, 'proposalId', 'The proposal'),
    windowIndex: requiredInt(body, 'windowIndex', 'windowIndex', 0, 4),
  }),
  guard: async (ctx) => {
    const { req, input, subject } = ctx
    // the assignment is locked: no proposal can be made or superseded until this action ends
    await lockRows(req, { 'schedule-proposals': input.proposalId }).catch(() => {
      throw badRequest(`Proposal ${input.proposalId} is not a proposal for assignment ${subject.id}.`, 'proposalId')
    })
    const proposal = (await req.payload.findByID({ collection: 'schedule-proposals', id: input.proposalId, req, overrideAccess: true, depth: 0 })) as ScheduleProposal
    if (!sameId(proposal.assignment, subject.id)) throw badRequest(`Proposal ${input.proposalId} is not a proposal for assignment ${subject.id}.`, 'proposalId')
    const window = proposal.windows?.[input.windowIndex]
    if (!window) throw badRequest(`windowIndex must be from 0 to ${(proposal.windows?.length ?? 1) - 1}.`, 'windowIndex')
    if (proposal.proposerRole === ctx.actor) throw forbidden('You cannot confirm your own proposal: the other side confirms it.')
    transition('proposal', proposal.status as ProposalStatus, 'confirm', ctx.actor)
    if (new Date(window.start).getTime() <= ctx.now.getTime()) throw conflict('That window has already started; propose new times.')
    ctx.state.proposal = proposal
    ctx.state.window = window
  },
  write: (ctx) => {
    const { subject, input, now } = ctx
    const window = ctx.state.window as { start: string; end: string }
    const start = new Date(window.start).toISOString()
    const end = new Date(window.end).toISOString()
    const moved = ctx.action === 'reschedule'
    Object.assign(ctx.facts, {
      proposalId: input.proposalId,
      windowIndex: input.windowIndex,
      start,
      end,
      ...(moved && subject.scheduledStart ? { previousVisit: { start: subject.scheduledStart, end: subject.scheduledEnd ?? null } } : {}),
    })
    return {
      scheduledStart: start,
      scheduledEnd: end,
      calendarSequence: (subject.calendarSequence ?? 0) + (moved ? 1 : 0),
      timestamps: { ...subject.timestamps, scheduledAt: now.toISOString() },
    }
  },
  then: async (ctx) => {
    const window = ctx.state.window as { start: string; end: string }
    await ctx.move('schedule-proposals', ctx.input.proposalId, 'confirm', {
      actor: ctx.actor,
      before: ctx.state.proposal as ScheduleProposal,
      data: { confirmedWindow: { index: ctx.input.windowIndex, start: window.start, end: window.end } },
    })
    await ctx.moveEach('schedule-proposals', { and: [{ assignment: { equals: ctx.subject.id } }, { status: { equals: 'open' } }] }, 'supersede')
  },
  respond: (ctx) => ({ assignment: ctx.subject, proposalId: ctx.input.proposalId, action: ctx.action }),
}
