import { canTransition, INITIAL_STATES, type JobStatus } from '../domain/lifecycle'
import type { Assignment } from '../payload-types'
import { PaymentsService } from '../services/payments'
import { conflict } from '../utilities/errors'
import { idOf } from '../utilities/idOf'
import type { ActionSpec } from './pipeline'

/**
 * The job's customer accepts a provider's quote, at the `version` they read (a quote changed since is a 409): the
 * quote is accepted, the job's other pending quotes declined, the job assigned, and an assignment created waiting for
 * a visit time. The job row is locked first — by this, by every other acceptance and by every new quote on the job —
 * so of two accepts racing on one job exactly one wins, and no quote can slip in pending while it does.
 *
 * The one side effect inside the transaction: with Stripe keys and a saved card, the card is held for the amount
 * (idempotent per assignment). A declined card is the customer's to fix, so it refuses the acceptance (402) instead of
 * assigning work nobody can pay for.
 */
export const acceptQuote: ActionSpec<'quotes', void> = {
  doc: {
    summary: "The job's customer accepts a pending quote: the job is assigned and an assignment waits for a visit time.",
    answer: {
      quote: { record: 'quotes' },
      assignment: { record: 'assignments', description: 'The assignment the acceptance created (pending_schedule).' },
      declined: { type: 'array', description: "Ids of the job's other quotes, declined with it." },
    },
  },
  machine: 'quote',
  collection: 'quotes',
  action: 'accept',
  event: 'quote.accepted',
  parents: (q) => ({ jobs: q.job }),
  guard: ({ parents }) => {
    const job = parents.jobs!
    if (!canTransition('job', job.status as JobStatus, 'assign', 'system')) {
      throw conflict(`Job ${job.id} is ${job.status}: a quote was already accepted or the job was closed.`, { state: job.status })
    }
  },
  then: async (ctx) => {
    const { req, subject: quote } = ctx
    const job = ctx.parents.jobs!
    const providerId = Number(idOf(quote.provider))
    const declined = await ctx.moveEach(
      'quotes',
      { and: [{ job: { equals: job.id } }, { status: { equals: 'pending' } }, { id: { not_equals: quote.id } }] },
      'decline',
    )
    await ctx.move('jobs', job.id, 'assign', { before: job, data: { assignedProvider: providerId } })
    const assignment = (await req.payload.create({
      collection: 'assignments',
      data: {
        job: job.id,
        quote: quote.id,
        customer: Number(idOf(job.customer)),
        provider: providerId,
        status: INITIAL_STATES.assignment,
        version: 1,
        payoutStatus: INITIAL_STATES.payout,
        timeZone: job.timeZone ?? 'UTC',
        amount: quote.amount,
        currency: quote.currency ?? 'USD',
        timestamps: { acceptedAt: ctx.now.toISOString() },
      },
      req,
      overrideAccess: true,
      depth: 0,
      context: { transition: { action: 'accept', actorRole: ctx.actor }, trusted: true },
    })) as Assignment
    await PaymentsService.authorizeForAssignment(req, { assignmentId: assignment.id })
    Object.assign(ctx.facts, { assignmentId: assignment.id, jobId: job.id, declined, amount: quote.amount, currency: quote.currency ?? 'USD' })
    ctx.state.assignment = assignment
  },
  respond: (ctx) => ({ quote: ctx.subject, assignment: ctx.state.assignment, declined: ctx.facts.declined }),
}
