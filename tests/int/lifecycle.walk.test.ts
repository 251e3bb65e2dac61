/**
 * The lifecycle table, walked over HTTP: for every action route, every state of its machine and every party of the
 * record (its customer, its provider, Ops), a fresh record in that state gets the action with a valid body, and the
 * answer must be what `nextState` says — 200 (201 for a proposal), 403 for an actor the table does not allow, 409 for
 * a state it does not leave that way; and 404 where the party cannot read the record in that state (a provider and a
 * cancelled job), since what they may not see does not exist for them. Each success wrote exactly one audit row for its record and one domain
 * event; each refusal wrote neither. Every transition a client may take is walked by some route here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { dbOf } from '../../src/db/sql'
import { MACHINES, nextState, transitions, type Machine, type StateOf } from '../../src/domain/lifecycle'
import { ACTION_ROUTES } from '../../src/operations/endpoints'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { futureWindow, proposal, recordIn, visitToday, type Made } from '../helpers/lifecycleStates'
import { StripeFake } from '../helpers/stripeFake'

type Actor = 'customer' | 'provider' | 'ops'
const ACTORS: Actor[] = ['customer', 'provider', 'ops']

let app: TestApp
let world: World
let fake: StripeFake

beforeAll(async () => {
  fake = await StripeFake.start()
  // Stripe configured (against the local fake), so retrying a failed capture is a real option
  app = await startTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_jobline', STRIPE_API_BASE: fake.url } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
  await fake?.close()
})

const client = (actor: Actor) => world.clients[actor === 'customer' ? 'customerA' : actor === 'provider' ? 'provider1' : 'ops']
const parties = () => ({ customerId: world.ids.customerA, providerId: world.ids.provider1 })

type Route = {
  /** The mounted route it walks: `<collection> <path>` as in src/operations/endpoints.ts. */
  route: string
  machine: Machine
  /** The action of the table the route takes on a record in `state`, with this body. */
  action: (state: string) => string
  /** The record the action is on (its audit row and event name it). */
  entity: 'jobs' | 'quotes' | 'assignments' | 'schedule-proposals' | 'payouts'
  path: (m: Made) => string
  /** What the route reads as the user first (default: the record itself); one they cannot read answers 404. */
  reads?: (m: Made) => string
  body?: (m: Made, actor: Actor) => Promise<Record<string, unknown>> | Record<string, unknown>
  created?: boolean
  /** Puts the record where only the table can refuse (a booked visit on its day). */
  prepare?: (m: Made, state: string) => Promise<void>
  /** What the table says, when the route asks two machines (a proposal confirmed through its assignment). */
  expected?: (state: string, actor: Actor) => ReturnType<typeof nextState>
}

const subjectId = (r: Route, m: Made): number =>
  ({ jobs: m.jobId, quotes: m.quoteId, assignments: m.assignmentId, 'schedule-proposals': m.proposalId, payouts: m.payoutId })[r.entity]!

const fixed = (action: string) => () => action
const note = { note: 'Walked by the lifecycle test.' }
const reason = { reason: 'Walked by the lifecycle test.' }
const otherSide = (actor: Actor): 'customer' | 'provider' => (actor === 'customer' ? 'provider' : 'customer')

const ROUTES: Route[] = [
  { route: 'jobs /:id/cancel', machine: 'job', entity: 'jobs', action: fixed('cancel'), path: (m) => `/api/jobs/${m.jobId}/cancel`, body: () => reason },
  { route: 'quotes /:id/accept', machine: 'quote', entity: 'quotes', action: fixed('accept'), path: (m) => `/api/quotes/${m.quoteId}/accept` },
  { route: 'quotes /:id/decline', machine: 'quote', entity: 'quotes', action: fixed('decline'), path: (m) => `/api/quotes/${m.quoteId}/decline` },
  { route: 'quotes /:id/withdraw', machine: 'quote', entity: 'quotes', action: fixed('withdraw'), path: (m) => `/api/quotes/${m.quoteId}/withdraw` },
  {
    route: 'jobs /:id/schedule',
    machine: 'assignment',
    entity: 'assignments',
    action: fixed('propose'),
    path: (m) => `/api/jobs/${m.jobId}/schedule`,
    reads: (m) => `/api/jobs/${m.jobId}`,
    body: (m) => ({ windows: [futureWindow(m.n)] }),
    created: true,
  },
  {
    route: 'assignments /:id/schedule/confirm',
    machine: 'assignment',
    entity: 'assignments',
    action: (state) => (state === 'scheduled' ? 'reschedule' : 'confirmSchedule'),
    path: (m) => `/api/assignments/${m.assignmentId}/schedule/confirm`,
    // an open proposal from the other side (Ops: from the provider), so only the table can refuse
    body: async (m, actor) => {
      const p = await proposal(app.payload, parties(), m.assignmentId!, actor === 'ops' ? 'provider' : otherSide(actor), 'open', m.n)
      return { proposalId: p.id, windowIndex: 0 }
    },
  },
  {
    route: 'assignments /:id/schedule/confirm',
    machine: 'proposal',
    entity: 'assignments',
    action: fixed('confirm'),
    path: (m) => `/api/assignments/${m.assignmentId}/schedule/confirm`,
    body: (m) => ({ proposalId: m.proposalId, windowIndex: 0 }),
    // the assignment waits for a time (confirmSchedule), the proposal is in `state`: both machines must agree
    expected: (state, actor) => {
      const assignment = nextState('assignment', 'pending_schedule', 'confirmSchedule', actor)
      return assignment.ok ? nextState('proposal', state as StateOf<'proposal'>, 'confirm', actor) : assignment
    },
  },
  { route: 'assignments /:id/reject', machine: 'assignment', entity: 'assignments', action: fixed('reject'), path: (m) => `/api/assignments/${m.assignmentId}/reject`, body: () => reason },
  { route: 'assignments /:id/cancel', machine: 'assignment', entity: 'assignments', action: fixed('cancel'), path: (m) => `/api/assignments/${m.assignmentId}/cancel`, body: () => reason },
  { route: 'assignments /:id/requeue', machine: 'assignment', entity: 'assignments', action: fixed('requeue'), path: (m) => `/api/assignments/${m.assignmentId}/requeue`, body: () => note },
  {
    route: 'assignments /:id/on-my-way',
    machine: 'assignment',
    entity: 'assignments',
    action: fixed('onMyWay'),
    path: (m) => `/api/assignments/${m.assignmentId}/on-my-way`,
    body: () => ({ minutes: 15 }),
    prepare: (m, state) => (state === 'scheduled' ? visitToday(app.payload, m.assignmentId!, m.n) : Promise.resolve()),
  },
  {
    route: 'assignments /:id/arrived',
    machine: 'assignment',
    entity: 'assignments',
    action: fixed('arrive'),
    path: (m) => `/api/assignments/${m.assignmentId}/arrived`,
    prepare: (m, state) => (state === 'scheduled' ? visitToday(app.payload, m.assignmentId!, m.n) : Promise.resolve()),
  },
  {
    route: 'assignments /:id/attend',
    machine: 'assignment',
    entity: 'assignments',
    action: fixed('attend'),
    path: (m) => `/api/assignments/${m.assignmentId}/attend`,
    prepare: (m, state) => (state === 'scheduled' ? visitToday(app.payload, m.assignmentId!, m.n) : Promise.resolve()),
  },
  { route: 'assignments /:id/complete', machine: 'assignment', entity: 'assignments', action: fixed('complete'), path: (m) => `/api/assignments/${m.assignmentId}/complete` },
  { route: 'assignments /:id/verify', machine: 'assignment', entity: 'assignments', action: fixed('verify'), path: (m) => `/api/assignments/${m.assignmentId}/verify` },
  { route: 'assignments /:id/dispute', machine: 'assignment', entity: 'assignments', action: fixed('dispute'), path: (m) => `/api/assignments/${m.assignmentId}/dispute`, body: () => reason },
  {
    route: 'assignments /:id/resolve',
    machine: 'assignment',
    entity: 'assignments',
    action: fixed('resolveAsVerified'),
    path: (m) => `/api/assignments/${m.assignmentId}/resolve`,
    body: () => ({ outcome: 'verified', ...note }),
  },
  {
    route: 'assignments /:id/resolve',
    machine: 'assignment',
    entity: 'assignments',
    action: fixed('resolveAsCancelled'),
    path: (m) => `/api/assignments/${m.assignmentId}/resolve`,
    body: () => ({ outcome: 'cancelled', ...note }),
  },
  {
    route: 'schedule-proposals /:id/decline',
    machine: 'proposal',
    entity: 'schedule-proposals',
    action: fixed('decline'),
    path: (m) => `/api/schedule-proposals/${m.proposalId}/decline`,
  },
  { route: 'payouts /:id/approve', machine: 'payout', entity: 'payouts', action: fixed('approve'), path: (m) => `/api/payouts/${m.payoutId}/approve`, body: () => note },
  { route: 'payouts /:id/reject', machine: 'payout', entity: 'payouts', action: fixed('reject'), path: (m) => `/api/payouts/${m.payoutId}/reject`, body: () => note },
  { route: 'payouts /:id/send-to-review', machine: 'payout', entity: 'payouts', action: fixed('sendToReview'), path: (m) => `/api/payouts/${m.payoutId}/send-to-review` },
  { route: 'payouts /:id/retry-capture', machine: 'payout', entity: 'payouts', action: fixed('retryCapture'), path: (m) => `/api/payouts/${m.payoutId}/retry-capture` },
]

/** Payouts exist from review or capture on: `none` is the assignment's word for "no payout yet", not a record. */
const statesOf = (machine: Machine) => (MACHINES[machine] as readonly string[]).filter((s) => !(machine === 'payout' && s === 'none'))

/** For proposals, the record is made by the side that is not acting (Ops: the customer), so it is theirs to answer. */
const proposerFor = (actor: Actor): 'customer' | 'provider' => (actor === 'provider' ? 'customer' : 'provider')

const counts = async (entity: string, id: number, eventId?: number) => {
  const { rows } = await dbOf(app.payload).execute(sql`
    SELECT (SELECT count(*) FROM audit_events WHERE entity = ${entity} AND entity_id = ${String(id)} AND event_id IS NOT DISTINCT FROM ${eventId ?? null}::int AND ${eventId !== undefined})::int AS audit,
      (SELECT count(*) FROM events WHERE entity = ${entity} AND entity_id = ${id})::int AS events,
      (SELECT count(*) FROM events WHERE id = ${eventId ?? -1}::int AND entity = ${entity} AND entity_id = ${id})::int AS this_event`)
  return rows[0] as { audit: number; events: number; this_event: number }
}

describe('the routes walked here', () => {
  it('are every action route the app mounts', () => {
    const mounted = ACTION_ROUTES.map((r) => `${r.collection} ${r.path}`).sort()
    expect([...new Set(ROUTES.map((r) => r.route))].sort()).toEqual(mounted)
  })

  it('reach every transition a customer, a provider or Ops may take', () => {
    const walked = new Set(ROUTES.flatMap((r) => statesOf(r.machine).map((s) => `${r.machine}:${s}:${r.action(s)}`)))
    const clientTransitions = transitions.filter((t) => t.by.some((a) => a !== 'system')).map((t) => `${t.machine}:${t.from}:${t.action}`)
    expect(clientTransitions.filter((t) => !walked.has(t))).toEqual([])
  })
})

const CASES = ROUTES.flatMap((r) => statesOf(r.machine).flatMap((state) => ACTORS.map((actor) => [r.route, r.action(state), state, actor, r] as const)))

describe.each(CASES)('%s (%s) on a record that is %s, as the %s', (_route, action, state, actor, r) => {
  it('answers as the lifecycle table says, with one audit row and one event when it acts', async () => {
    const made = await recordIn(app.payload, parties(), r.machine, state, proposerFor(actor))
    await r.prepare?.(made, state)
    const id = subjectId(r, made)
    const version = (await app.payload.findByID({ collection: r.entity, id, overrideAccess: true, depth: 0 })).version
    const body = { ...((await r.body?.(made, actor)) ?? {}), version }
    const expected = r.expected ? r.expected(state, actor) : nextState(r.machine, state as StateOf<Machine>, action, actor)
    const readable = (await client(actor).get(r.reads?.(made) ?? `/api/${r.entity}/${id}?depth=0`)).status === 200
    const before = await counts(r.entity, id)

    const res = await client(actor).post(r.path(made), body)

    // to anyone who may not read the record it does not exist: 404, whatever their role may or may never do
    if (!readable) {
      expect(res.status).toBe(404)
      expect(await counts(r.entity, id)).toEqual(before)
    } else if (expected.ok) {
      expect([res.status, res.body?.errors?.[0]?.message]).toEqual([r.created ? 201 : 200, undefined])
      const eventId = res.body.event.id as number
      expect(await counts(r.entity, id, eventId)).toEqual({ audit: 1, events: before.events + 1, this_event: 1 })
    } else {
      expect(res.status).toBe(expected.reason === 'forbidden' ? 403 : 409)
      expect(await counts(r.entity, id)).toEqual(before)
    }
  })
})
