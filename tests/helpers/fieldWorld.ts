/**
 * Fixtures for the field-level access matrix: for each relation state (open, quoted, assigned, finished) a fresh
 * customer A and provider 1 who signed up over HTTP and got that far together, with every record the state has
 * (job, quote, assignment, proposal, reminder logs to each side and to Ops, payout, audit event) and as many fields
 * filled as the state allows. Customer B, provider 2 and Ops are the seed's, strangers to every pair.
 */
import type { CollectionSlug, Payload } from 'payload'

import { takeKpiSnapshot } from '../../src/services/kpis/snapshots'
import { ApiClient } from './client'
import { seedWorld, type Actor, type World } from './fixtures'

export const STATES = ['open', 'quoted', 'assigned', 'finished'] as const
export type State = (typeof STATES)[number]

export const DOC_KEYS = [
  'job',
  'quote',
  'assignment',
  'proposal',
  'logToCustomer',
  'logToProvider',
  'opsAlert',
  'payout',
  'auditEvent',
  'customer',
  'provider',
  'heartbeat',
  'kpiSnapshot',
  'webhookEndpoint',
  'webhookDelivery',
] as const
export type DocKey = (typeof DOC_KEYS)[number]

export const COLLECTION_OF: Record<DocKey, CollectionSlug> = {
  job: 'jobs',
  quote: 'quotes',
  assignment: 'assignments',
  proposal: 'schedule-proposals',
  logToCustomer: 'reminder-logs',
  logToProvider: 'reminder-logs',
  opsAlert: 'reminder-logs',
  payout: 'payouts',
  auditEvent: 'audit-events',
  customer: 'users',
  provider: 'users',
  heartbeat: 'worker-heartbeats',
  kpiSnapshot: 'kpi-snapshots',
  webhookEndpoint: 'webhook-endpoints',
  webhookDelivery: 'webhook-deliveries',
}

export type Scenario = {
  state: State
  /** The records of this state (a quote exists from `quoted` on, a payout only once `finished`). */
  ids: Partial<Record<DocKey, number>>
  clients: Record<Actor, ApiClient>
}

export type FieldWorld = { world: World; scenarios: Record<State, Scenario> }

const PASSWORD = 'field-matrix-pw'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const asSystem = { overrideAccess: true, depth: 0, context: { trusted: true, transition: { action: 'test', actorRole: 'system' } } } as const

const ok = <T extends { status: number; body: any }>(what: string, reply: T, status = [200, 201]): T => {
  if (!status.includes(reply.status)) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply
}

async function signUp(baseUrl: string, role: 'customer' | 'provider', tag: string) {
  const email = `${role}-${tag}@fields.example`
  const anonymous = new ApiClient(baseUrl)
  const made = ok(
    `sign up ${email}`,
    await anonymous.post('/api/users', { email, password: PASSWORD, name: `${role} ${tag}`, role, timeZone: 'America/New_York', phone: '(201) 555-0100' }),
  )
  const client = await ApiClient.login(baseUrl, email, PASSWORD)
  // what only the account holder reads: working hours, days off, the calendar feed
  ok('availability', await client.patch(`/api/users/${made.body.doc.id}`, { availability: { weeklyHours: [{ day: '1', start: '09:00', end: '17:00' }], blackoutDates: [{ date: '2031-01-01' }] } }))
  ok('calendar token', await client.post('/api/users/calendar-token'))
  return { id: made.body.doc.id as number, email, client }
}

async function logTo(payload: Payload, s: { customer: number; provider: number; quote?: number; assignment?: number }, recipient: number, address: string, kind: string) {
  const log = await payload.create({
    collection: 'reminder-logs',
    data: {
      assignment: s.assignment ?? null,
      quote: s.quote ?? null,
      customer: s.customer,
      provider: s.provider,
      kind,
      channel: 'email',
      recipient,
      recipientAddress: address,
      status: 'failed',
      reason: 'smtp',
      dedupeKey: `fields:${kind}:${recipient}:${Math.random()}`,
      scheduledFor: new Date(Date.now() - HOUR).toISOString(),
      attempts: 3,
      error: '550 mailbox unavailable at mx.example',
      sentAt: new Date(Date.now() - HOUR).toISOString(),
      plannedStart: new Date(Date.now() + DAY).toISOString(),
      nextAttemptAt: new Date(Date.now() + HOUR).toISOString(),
      claimedBy: 'worker-1',
      leaseUntil: new Date(Date.now() + HOUR).toISOString(),
      subject: `About your job (${kind})`,
      body: `Hello ${address}, this is about your job.`,
    } as never,
    ...asSystem,
  })
  return log.id
}

async function scenario(world: World, payload: Payload, baseUrl: string, state: State, opsId: number, rileyId: number): Promise<Scenario> {
  const tag = `${state}-${Date.now()}`
  const customer = await signUp(baseUrl, 'customer', tag)
  const provider = await signUp(baseUrl, 'provider', tag)
  await payload.update({ collection: 'users', id: customer.id, data: { payment: { stripeCustomerId: `cus_${tag}`, paymentMethodId: `pm_${tag}` } }, ...asSystem })
  const ids: Scenario['ids'] = { customer: customer.id, provider: provider.id }
  const preferred = { start: new Date(Date.now() + 4 * DAY).toISOString(), end: new Date(Date.now() + 4 * DAY + 3 * HOUR).toISOString() }
  const job = ok(
    'job',
    await customer.client.post('/api/jobs', {
      title: `Fix the porch (${state})`,
      description: 'Two loose boards.',
      serviceAddress: { line1: '12 Elm Street', line2: 'Apt 3', city: 'Springfield', region: 'MA', postalCode: '01103', country: 'US' },
      timeZone: 'America/New_York',
      preferredWindows: [preferred],
    }),
  ).body.doc
  ids.job = job.id
  // a provider who once gave this job back: the customer sees who, other providers do not
  await payload.update({ collection: 'jobs', id: job.id, data: { excludedProviders: [rileyId] }, ...asSystem })
  const clients = { ...world.clients, customerA: customer.client, provider1: provider.client }
  if (state === 'open') return { state, ids, clients }

  ids.quote = ok('quote', await provider.client.post('/api/quotes', { job: job.id, amount: 12_000, currency: 'USD', message: 'Can do it this week.' })).body.doc.id
  const audit = await payload.find({ collection: 'audit-events', where: { and: [{ entity: { equals: 'quotes' } }, { entityId: { equals: String(ids.quote) } }] }, ...asSystem, limit: 1 })
  ids.auditEvent = audit.docs[0].id
  const parties = { customer: customer.id, provider: provider.id, quote: ids.quote }
  if (state === 'quoted') {
    ids.logToCustomer = await logTo(payload, parties, customer.id, customer.email, 'quote_follow_up')
    ids.logToProvider = await logTo(payload, parties, provider.id, provider.email, 'quote_accepted')
    ids.opsAlert = await logTo(payload, parties, opsId, 'ops@jobline.local', 'reminder_overdue')
    return { state, ids, clients }
  }

  const accepted = ok('accept', await customer.client.act(`/api/quotes/${ids.quote}/accept`)).body
  ids.assignment = accepted.assignment.id as number
  const window = { start: new Date(Date.now() + 3 * DAY).toISOString(), end: new Date(Date.now() + 3 * DAY + 2 * HOUR).toISOString() }
  ids.proposal = ok('propose', await provider.client.act(`/api/jobs/${job.id}/schedule`, { windows: [window], note: 'Mornings are best.' })).body.proposal.id
  const withParties = { ...parties, assignment: ids.assignment }
  ids.logToCustomer = await logTo(payload, withParties, customer.id, customer.email, 'schedule_proposed')
  ids.logToProvider = await logTo(payload, withParties, provider.id, provider.email, 'quote_accepted')
  ids.opsAlert = await logTo(payload, withParties, opsId, 'ops@jobline.local', 'reminder_overdue')
  // what the worker and Stripe would have written: Ops-only bookkeeping on the assignment
  await payload.update({
    collection: 'assignments',
    id: ids.assignment,
    data: {
      reminders: { overdue: true, overdueFlaggedAt: new Date().toISOString(), lastReminderAt: new Date().toISOString() },
      payment: { paymentIntentId: `pi_${tag}`, authorizedAt: new Date().toISOString(), authorizationExpiresAt: new Date(Date.now() + 6 * DAY).toISOString() },
    },
    ...asSystem,
  })
  if (state === 'assigned') return { state, ids, clients }

  // the visit happened and the provider marked it complete (as the completion action would leave it)
  await payload.update({
    collection: 'assignments',
    id: ids.assignment,
    data: {
      status: 'completed',
      scheduledStart: new Date(Date.now() - 2 * DAY).toISOString(),
      scheduledEnd: new Date(Date.now() - 2 * DAY + 2 * HOUR).toISOString(),
      completionChecklist: { items: ['Boards fixed'], note: 'All done.' },
      timestamps: { acceptedAt: new Date(Date.now() - 4 * DAY).toISOString(), providerCompletedAt: new Date(Date.now() - DAY).toISOString() },
    } as never,
    ...asSystem,
  })
  const verified = ok('verify', await customer.client.act(`/api/assignments/${ids.assignment}/verify`, {})).body
  ids.payout = verified.payout.id as number
  await payload.update({
    collection: 'payouts',
    id: ids.payout,
    data: {
      paymentIntentId: `pi_${tag}`,
      idempotencyKey: `capture:${ids.assignment}`,
      authorizationExpiresAt: new Date(Date.now() + DAY).toISOString(),
      attempts: 2,
      nextAttemptAt: new Date(Date.now() + HOUR).toISOString(),
      lastError: 'card_declined',
      reviewedBy: opsId,
      reviewedAt: new Date().toISOString(),
      note: 'Paid by bank transfer.',
    },
    ...asSystem,
  })
  return { state, ids, clients }
}

export async function fieldWorld(payload: Payload, baseUrl: string): Promise<FieldWorld> {
  const world = await seedWorld(payload, baseUrl)
  const riley = await payload.find({ collection: 'users', where: { email: { equals: 'riley@jobline.local' } }, ...asSystem })
  const beat = await payload.create({
    collection: 'worker-heartbeats',
    data: { workerId: 'field-matrix', host: 'test-host', pid: 4242, startedAt: new Date().toISOString(), beatAt: new Date().toISOString(), stats: { scans: 1 } },
    ...asSystem,
  })
  // the worker's daily KPI figures (written by SQL, as the worker does)
  await takeKpiSnapshot(payload)
  const { docs: snapshots } = await payload.find({ collection: 'kpi-snapshots', limit: 1, ...asSystem })
  const scenarios = {} as Record<State, Scenario>
  for (const state of STATES) {
    scenarios[state] = await scenario(world, payload, baseUrl, state, world.ids.ops, riley.docs[0].id)
    scenarios[state].ids.heartbeat = beat.id
    scenarios[state].ids.kpiSnapshot = snapshots[0].id
  }
  const hooks = await webhookRecords(payload)
  for (const state of STATES) Object.assign(scenarios[state].ids, hooks)
  return { world, scenarios }
}

/**
 * A webhook endpoint (a public literal address, disabled: nothing is ever sent from this world) and one delivery of
 * an event of it, every field filled, for the matrix: both are Ops-only in every state.
 */
async function webhookRecords(payload: Payload): Promise<{ webhookEndpoint: number; webhookDelivery: number }> {
  const { sql } = await import('@payloadcms/db-postgres')
  const { dbOf } = await import('../../src/db/sql')
  const endpoint = await payload.create({
    collection: 'webhook-endpoints',
    data: { url: 'https://93.184.215.14/field-matrix', events: ['*'], description: 'field matrix', enabled: false },
    ...asSystem,
  })
  const db = dbOf(payload)
  await db.execute(sql`UPDATE webhook_endpoints SET disabled_reason = 'field matrix', disabled_at = now(), consecutive_failures = 3,
    last_delivered_at = now() WHERE id = ${endpoint.id}`)
  const { rows } = await db.execute(sql`
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, entity, entity_id, entity_version, status, attempts, queued_at,
      next_attempt_at, last_attempt_at, delivered_at, response_status, latency_ms, error, claimed_by, lease_until)
    SELECT ${endpoint.id}, id, type, entity, entity_id, entity_version, 'delivered', 2, now(), now(), now(), now(), 200, 12, 'HTTP 500 before',
      'field-matrix-worker', now()
    FROM events ORDER BY id LIMIT 1
    RETURNING id`)
  return { webhookEndpoint: endpoint.id, webhookDelivery: Number(rows[0].id) }
}
