/**
 * A record of any machine in any state, written as the system would have left it, for tests that walk the lifecycle
 * table: each call makes its own job (and quote, assignment, proposal, payout as the state needs), all belonging to
 * one customer and one provider, with visit windows no other call uses (a provider's visits never overlap).
 */
import type { Payload } from 'payload'

import type { Machine } from '../../src/domain/lifecycle'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const systemWrite = { overrideAccess: true, depth: 0, context: { trusted: true, transition: { action: 'test', actorRole: 'system' } } } as const

export type Made = { jobId: number; quoteId?: number; assignmentId?: number; proposalId?: number; payoutId?: number; n: number }

let counter = 0

/** A fresh slot `n` for windows: past ones for booked visits (so they can be completed), future ones for proposals. */
export const pastVisit = (n: number) => {
  const start = new Date(Date.now() - (n * 3 + 3) * HOUR)
  return { scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + HOUR).toISOString() }
}
export const futureWindow = (n: number) => {
  const start = new Date(Date.now() + 3 * DAY + n * 3 * HOUR)
  start.setUTCMinutes(0, 0, 0)
  return { start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString() }
}

const JOB_FOR_ASSIGNMENT: Record<string, string> = {
  pending_schedule: 'assigned',
  scheduled: 'assigned',
  completed: 'assigned',
  disputed: 'assigned',
  verified: 'completed',
  rejected: 'open',
  cancelled: 'cancelled',
}

type Parties = { customerId: number; providerId: number }

async function job(payload: Payload, { customerId, providerId }: Parties, status: string, n: number) {
  return payload.create({
    collection: 'jobs',
    data: {
      customer: customerId,
      title: `Walk job ${n}`,
      serviceAddress: { line1: `${n} Walk Street`, city: 'New York', country: 'US' },
      timeZone: 'America/New_York',
      status: status as 'open',
      ...(status === 'assigned' || status === 'completed' ? { assignedProvider: providerId } : {}),
    },
    ...systemWrite,
  })
}

async function quote(payload: Payload, jobId: number, providerId: number, status: string) {
  return payload.create({ collection: 'quotes', data: { job: jobId, provider: providerId, amount: 10_000, currency: 'USD', status: status as 'pending' }, ...systemWrite })
}

async function assignment(payload: Payload, parties: Parties, status: string, n: number, extra: Record<string, unknown> = {}) {
  const j = await job(payload, parties, JOB_FOR_ASSIGNMENT[status], n)
  const q = await quote(payload, j.id, parties.providerId, 'accepted')
  const booked = ['scheduled', 'completed', 'disputed', 'verified'].includes(status)
  const a = await payload.create({
    collection: 'assignments',
    data: {
      job: j.id,
      quote: q.id,
      customer: parties.customerId,
      provider: parties.providerId,
      status: status as 'pending_schedule',
      timeZone: 'America/New_York',
      amount: 10_000,
      currency: 'USD',
      ...(booked ? pastVisit(n) : {}),
      timestamps: { acceptedAt: new Date(Date.now() - 10 * DAY).toISOString() },
      ...extra,
    } as never, // each state sets its own mix of fields
    ...systemWrite,
  })
  return { jobId: j.id, quoteId: q.id, assignmentId: a.id }
}

/** An open-or-other proposal of an assignment waiting for a time, made by `proposer`. */
export async function proposal(payload: Payload, parties: Parties, assignmentId: number, proposer: 'customer' | 'provider', status: string, n: number) {
  return payload.create({
    collection: 'schedule-proposals',
    data: {
      assignment: assignmentId,
      customer: parties.customerId,
      provider: parties.providerId,
      proposedBy: proposer === 'customer' ? parties.customerId : parties.providerId,
      proposerRole: proposer,
      windows: [futureWindow(n)],
      timeZone: 'America/New_York',
      status: status as 'open',
    },
    ...systemWrite,
  })
}

/** Payouts in their states, as a Stripe capture (held card) would leave them; `failed` ones can still be retried. */
async function payout(payload: Payload, parties: Parties, status: string, n: number) {
  const made = await assignment(payload, parties, 'verified', n, {
    payoutStatus: status,
    payment: { paymentIntentId: `pi_walk_${n}`, authorizedAt: new Date().toISOString(), authorizationExpiresAt: new Date(Date.now() + 5 * DAY).toISOString() },
  })
  const p = await payload.create({
    collection: 'payouts',
    data: {
      reference: `PO-walk-${n}`,
      assignment: made.assignmentId,
      customer: parties.customerId,
      provider: parties.providerId,
      amount: 10_000,
      currency: 'USD',
      method: 'stripe',
      status: status as 'pending_review',
      paymentIntentId: `pi_walk_${n}`,
      idempotencyKey: `capture:walk-${n}`,
      authorizationExpiresAt: new Date(Date.now() + 5 * DAY).toISOString(),
      ...(status === 'failed' ? { lastError: 'retryable: Stripe was down' } : {}),
    },
    ...systemWrite,
  })
  return { ...made, payoutId: p.id }
}

/** A record of `machine` in `state`; `proposer` says who made the proposal (for proposals). */
export async function recordIn(payload: Payload, parties: Parties, machine: Machine, state: string, proposer: 'customer' | 'provider' = 'provider'): Promise<Made> {
  const n = ++counter
  switch (machine) {
    case 'job': {
      const j = await job(payload, parties, state, n)
      if (state !== 'assigned') return { jobId: j.id, n }
      const q = await quote(payload, j.id, parties.providerId, 'accepted')
      const a = await payload.create({
        collection: 'assignments',
        data: { job: j.id, quote: q.id, customer: parties.customerId, provider: parties.providerId, status: 'pending_schedule', payoutStatus: 'none', amount: 10_000, currency: 'USD' },
        ...systemWrite,
      })
      return { jobId: j.id, quoteId: q.id, assignmentId: a.id, n }
    }
    case 'quote': {
      const j = await job(payload, parties, 'open', n)
      const q = await quote(payload, j.id, parties.providerId, state)
      return { jobId: j.id, quoteId: q.id, n }
    }
    case 'assignment':
      return { ...(await assignment(payload, parties, state, n)), n }
    case 'proposal': {
      const made = await assignment(payload, parties, 'pending_schedule', n)
      const p = await proposal(payload, parties, made.assignmentId, proposer, state, n)
      return { ...made, proposalId: p.id, n }
    }
    case 'payout':
      return { ...(await payout(payload, parties, state, n)), n }
  }
}

/**
 * Moves a scheduled test visit to right now, a few seconds long (slot `n` keeps a provider's visits apart), in a
 * fixed-offset zone where it is midday: "today" in the visit's zone, whatever time the test runs.
 */
export async function visitToday(payload: Payload, assignmentId: number, n: number) {
  const hour = new Date().getUTCHours()
  const offset = ((12 - hour + 36) % 24) - 12 // local hour 12 at UTC+offset
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
  const start = new Date(Date.now() + n * 20_000)
  await payload.update({
    collection: 'assignments',
    id: assignmentId,
    data: { timeZone: zone, scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 10_000).toISOString() } as never,
    ...systemWrite,
  })
}
