/**
 * The access matrix: anonymous, customer A, customer B, provider 1, provider 2 and Ops against every collection,
 * for read, create, update and delete, over REST and GraphQL. Every cell is asserted, and every refused write is
 * checked to have changed nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import type { CollectionSlug } from 'payload'

import { dbOf } from '../../src/db/sql'
import { startTestApp, type TestApp } from '../helpers/app'
import { ACTORS, seedWorld, type Actor, type World } from '../helpers/fixtures'
import { anEvent } from '../helpers/webhooks'

let app: TestApp
let world: World
const target = {} as Record<string, number | string>

const one = async (collection: CollectionSlug, where: Record<string, unknown>) => {
  const { docs } = await app.payload.find({ collection, where: where as never, overrideAccess: true, depth: 0, limit: 1 })
  if (!docs[0]) throw new Error(`fixture missing in ${collection}: ${JSON.stringify(where)}`)
  return docs[0] as unknown as { id: number | string } & Record<string, unknown>
}

beforeAll(async () => {
  app = await startTestApp()
  world = await seedWorld(app.payload, app.baseUrl)
  const { ids } = world
  target.users = ids.customerA
  const fence = await one('jobs', { title: { equals: 'Repair garden fence' } }) // customer A, assigned to provider 1
  target.jobs = fence.id
  target.quotes = (await one('quotes', { and: [{ provider: { equals: ids.provider1 } }, { status: { equals: 'pending' } }, { customer: { equals: ids.customerA } }] })).id
  const fenceAssignment = await one('assignments', { job: { equals: fence.id } })
  target.assignments = fenceAssignment.id
  target['schedule-proposals'] = (await one('schedule-proposals', { assignment: { equals: fenceAssignment.id } })).id
  target['reminder-logs'] = (await one('reminder-logs', { kind: { equals: 'visit_reminder' } })).id // customer A, provider 2
  target.payouts = (await one('payouts', {})).id // customer B, provider 1
  target['audit-events'] = (await one('audit-events', { and: [{ entity: { equals: 'assignments' } }, { entityId: { equals: String(fenceAssignment.id) } }] })).id
  const queued = await app.payload.jobs.queue({ task: 'sendNotification', input: { logId: 1 } })
  target['payload-jobs'] = queued.id
  const beat = await app.payload.create({
    collection: 'worker-heartbeats',
    data: { workerId: 'test-worker', host: 'test', pid: 1, beatAt: new Date().toISOString() },
    overrideAccess: true,
  })
  target['worker-heartbeats'] = beat.id
  // a public literal address (nothing resolves, nothing is sent: it is disabled and no webhook lane runs here)
  const hook = await app.payload.create({
    collection: 'webhook-endpoints',
    data: { url: 'https://93.184.215.14/hooks', events: ['*'], enabled: false, description: 'access matrix' },
    overrideAccess: true,
  })
  target['webhook-endpoints'] = hook.id
  const e = await anEvent(app.payload)
  const delivery = await dbOf(app.payload).execute(sql`
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, entity, entity_id, entity_version, status, attempts, queued_at, next_attempt_at)
    VALUES (${hook.id}, ${e.id}, ${e.type}, ${e.entity}, ${e.entityId}, ${e.version}, 'dead', 1, now(), now()) RETURNING id`)
  target['webhook-deliveries'] = Number(delivery.rows[0].id)
})
afterAll(async () => {
  await app?.close()
})

type Cell = Partial<Record<Actor, boolean>>
const only = (...actors: Actor[]): Cell => Object.fromEntries(ACTORS.map((a) => [a, actors.includes(a)]))

/** Who can read the target record of each collection. */
const READ: Record<string, Cell> = {
  // customer A's account: Ops, herself, and the providers she deals with (provider 1 on the fence, provider 2 on the hallway)
  users: only('customerA', 'provider1', 'provider2', 'ops'),
  jobs: only('customerA', 'provider1', 'ops'),
  quotes: only('customerA', 'provider1', 'ops'),
  assignments: only('customerA', 'provider1', 'ops'),
  'schedule-proposals': only('customerA', 'provider1', 'ops'),
  'reminder-logs': only('customerA', 'ops'), // the visit reminder sent to customer A: its recipient and Ops only
  payouts: only('customerB', 'provider1', 'ops'),
  'audit-events': only('customerA', 'provider1', 'ops'),
  'payload-jobs': only('ops'),
  'worker-heartbeats': only('ops'),
  'webhook-endpoints': only('ops'),
  'webhook-deliveries': only('ops'),
}

/** Who can PATCH a harmless field of the target record (and which field). */
const UPDATE: Record<string, { cell: Cell; data: Record<string, unknown> }> = {
  users: { cell: only('customerA', 'ops'), data: { name: 'Renamed' } },
  jobs: { cell: only('customerA', 'ops'), data: { title: 'Renamed job' } },
  quotes: { cell: only('provider1', 'ops'), data: { message: 'Updated offer' } },
  assignments: { cell: only('ops'), data: { timeZone: 'Europe/Berlin' } },
  'schedule-proposals': { cell: only('ops'), data: { note: 'Edited' } },
  'reminder-logs': { cell: only(), data: { reason: 'edited' } },
  payouts: { cell: only(), data: { note: 'edited' } },
  'audit-events': { cell: only(), data: { action: 'edited' } },
  'payload-jobs': { cell: only('ops'), data: { queue: 'edited' } },
  'worker-heartbeats': { cell: only(), data: { host: 'edited' } },
  'webhook-endpoints': { cell: only('ops'), data: { description: 'edited' } },
  'webhook-deliveries': { cell: only(), data: { error: 'edited' } },
}

const GQL: Record<string, { list: string; update: string; field: string }> = {
  users: { list: 'Users', update: 'updateUser', field: 'name' },
  jobs: { list: 'Jobs', update: 'updateJob', field: 'title' },
  quotes: { list: 'Quotes', update: 'updateQuote', field: 'message' },
  assignments: { list: 'Assignments', update: 'updateAssignment', field: 'timeZone' },
  'schedule-proposals': { list: 'ScheduleProposals', update: 'updateScheduleProposal', field: 'note' },
  'reminder-logs': { list: 'ReminderLogs', update: 'updateReminderLog', field: 'reason' },
  payouts: { list: 'Payouts', update: 'updatePayout', field: 'note' },
  'audit-events': { list: 'AuditEvents', update: 'updateAuditEvent', field: 'action' },
  'payload-jobs': { list: 'PayloadJobs', update: 'updatePayloadJob', field: 'queue' },
  'worker-heartbeats': { list: 'WorkerHeartbeats', update: 'updateWorkerHeartbeat', field: 'host' },
}

/** Collections left out of GraphQL (`graphQL: false`): nobody reads or writes them there, Ops included. */
const NO_GRAPHQL: Record<string, string> = { 'webhook-endpoints': 'WebhookEndpoints', 'webhook-deliveries': 'WebhookDeliveries' }

const snapshot = async (collection: string) =>
  JSON.stringify(
    await app.payload.findByID({ collection: collection as CollectionSlug, id: target[collection], overrideAccess: true, depth: 0 }),
  )

describe.each(Object.keys(READ))('%s', (collection) => {
  it.each(ACTORS)('read over REST: %s', async (actor) => {
    const allowed = READ[collection][actor]!
    const byId = await world.clients[actor].get(`/api/${collection}/${target[collection]}?depth=0`)
    const list = await world.clients[actor].get(`/api/${collection}?depth=0&limit=100&where[id][equals]=${target[collection]}`)
    if (allowed) {
      expect(byId.status).toBe(200)
      expect(byId.body.id).toBe(target[collection])
      expect(list.body.docs.map((d: { id: unknown }) => d.id)).toEqual([target[collection]])
    } else {
      expect([401, 403, 404]).toContain(byId.status)
      // a denied list either refuses outright or returns nothing of it
      if (list.status === 200) expect(list.body.docs).toEqual([])
      else expect([401, 403]).toContain(list.status)
    }
  })

  it.each(ACTORS)('read over GraphQL: %s', async (actor) => {
    if (NO_GRAPHQL[collection]) {
      const res = await world.clients[actor].gql(`{ ${NO_GRAPHQL[collection]} { docs { id } } }`)
      expect([res.body.data ?? null, res.body.errors?.[0]?.message]).toEqual([null, expect.stringContaining(NO_GRAPHQL[collection])])
      return
    }
    const allowed = READ[collection][actor]!
    const { list } = GQL[collection]
    const idLiteral = typeof target[collection] === 'string' ? `"${target[collection]}"` : target[collection]
    const res = await world.clients[actor].gql(`{ ${list}(where: { id: { equals: ${idLiteral} } }) { docs { id } } }`)
    expect(res.status).toBe(200)
    const docs = (res.body.data as Record<string, { docs: { id: unknown }[] } | null> | undefined)?.[list]?.docs ?? []
    expect(docs.map((d) => String(d.id))).toEqual(allowed ? [String(target[collection])] : [])
  })

  it.each(ACTORS)('update over REST: %s', async (actor) => {
    const { cell, data } = UPDATE[collection]
    const before = await snapshot(collection)
    const res = await world.clients[actor].patch(`/api/${collection}/${target[collection]}`, data)
    if (cell[actor]) {
      expect(res.status).toBe(200)
      const after = await app.payload.findByID({ collection: collection as CollectionSlug, id: target[collection], overrideAccess: true, depth: 0 })
      expect(after).toMatchObject(data)
    } else {
      expect([401, 403, 404]).toContain(res.status)
      expect(await snapshot(collection)).toBe(before)
    }
  })

  it.each(ACTORS)('update over GraphQL: %s', async (actor) => {
    if (NO_GRAPHQL[collection]) return // no mutation exists (the read case above shows the collection is not in the schema)
    const { cell } = UPDATE[collection]
    const { update, field } = GQL[collection]
    const before = await snapshot(collection)
    const idLiteral = typeof target[collection] === 'string' ? `"${target[collection]}"` : target[collection]
    const value = field === 'timeZone' ? 'America/Chicago' : `gql-${actor}`
    const res = await world.clients[actor].gql(`mutation { ${update}(id: ${idLiteral}, data: { ${field}: "${value}" }) { id } }`)
    if (cell[actor]) {
      expect(res.body.errors).toBeUndefined()
      const after = (await app.payload.findByID({ collection: collection as CollectionSlug, id: target[collection], overrideAccess: true, depth: 0 })) as unknown as Record<string, unknown>
      expect(after[field]).toBe(value)
    } else {
      expect(res.body.errors?.length).toBeGreaterThan(0)
      expect(await snapshot(collection)).toBe(before)
    }
  })
})

/** Valid create bodies, and who may create. */
describe('create', () => {
  const countOf = async (collection: string) =>
    (await app.payload.count({ collection: collection as CollectionSlug, overrideAccess: true })).totalDocs

  const bodies = (): Record<string, { cell: Cell; body: (actor: Actor) => Record<string, unknown> }> => ({
    users: {
      cell: only('anonymous', 'ops'),
      body: (actor) => ({ email: `new-${actor}-${Date.now()}@example.com`, password: 'long-enough-pw', name: 'New', role: 'customer', timeZone: 'UTC' }),
    },
    jobs: {
      cell: only('customerA', 'customerB', 'ops'),
      body: (actor) => ({ title: 'New job', customer: actor === 'customerB' ? world.ids.customerB : world.ids.customerA, serviceAddress: { line1: '2 Main St', city: 'Albany', country: 'US' }, timeZone: 'America/New_York' }),
    },
    quotes: {
      cell: only('provider1', 'provider2', 'ops'),
      body: (actor) => ({ job: target.openJob, provider: actor === 'ops' ? world.ids.provider1 : undefined, amount: 9900, currency: 'USD' }),
    },
    assignments: { cell: only(), body: () => ({ job: target.jobs, quote: target.quotes, customer: world.ids.customerA, provider: world.ids.provider1, timeZone: 'UTC' }) },
    'schedule-proposals': { cell: only(), body: () => ({ assignment: target.assignments, customer: world.ids.customerA, provider: world.ids.provider1, proposedBy: world.ids.customerA, proposerRole: 'customer', windows: [{ start: '2030-01-01T10:00:00Z', end: '2030-01-01T12:00:00Z' }], timeZone: 'UTC' }) },
    'reminder-logs': { cell: only(), body: () => ({ kind: 'visit_reminder', channel: 'email', dedupeKey: `x-${Math.random()}`, status: 'sent' }) },
    payouts: { cell: only(), body: () => ({ reference: `PO-x-${Math.random()}`, assignment: target.assignments, customer: world.ids.customerA, provider: world.ids.provider1, amount: 100, currency: 'USD', method: 'manual', status: 'approved' }) },
    'audit-events': { cell: only(), body: () => ({ entity: 'jobs', entityId: '1', action: 'forged', actorRole: 'system', at: new Date().toISOString() }) },
    'payload-jobs': { cell: only('ops'), body: () => ({ taskSlug: 'sendNotification', input: { logId: 1 } }) },
    'worker-heartbeats': { cell: only(), body: () => ({ workerId: `forged-${Math.random()}`, beatAt: new Date().toISOString() }) },
    'webhook-endpoints': { cell: only('ops'), body: () => ({ url: 'https://93.184.215.14/created', events: ['*'], enabled: false }) },
    'webhook-deliveries': {
      cell: only(),
      body: () => ({ endpoint: target['webhook-endpoints'], event: 1, eventType: 'job.cancelled', entity: 'jobs', entityId: 1, entityVersion: 9, status: 'pending', attempts: 0, queuedAt: new Date().toISOString(), nextAttemptAt: new Date().toISOString() }),
    },
  })

  beforeAll(async () => {
    target.openJob = (await one('jobs', { title: { equals: 'Fix leaking kitchen tap' } })).id
  })

  for (const collection of Object.keys(READ)) {
    it.each(ACTORS)(`${collection} over REST: %s`, async (actor) => {
      const { cell, body } = bodies()[collection]
      const before = await countOf(collection)
      const res = await world.clients[actor].post(`/api/${collection}`, body(actor))
      if (cell[actor]) {
        expect(res.status).toBe(201)
        expect(await countOf(collection)).toBe(before + 1)
      } else {
        expect([401, 403]).toContain(res.status)
        expect(await countOf(collection)).toBe(before)
      }
    })
  }

  it('a customer creates jobs only in their own name', async () => {
    const res = await world.clients.customerB.post('/api/jobs', bodies().jobs.body('customerA'))
    expect(res.status).toBe(403)
  })

  it('GraphQL create follows the same rules (customer may create a job, provider may not)', async () => {
    const mutation = `mutation { createJob(data: { title: "GQL job", serviceAddress: { line1: "1 A St", city: "Troy", country: "US" }, timeZone: "America/New_York" }) { id customer { id } } }`
    const asCustomer = await world.clients.customerA.gql(mutation)
    expect(asCustomer.body.errors).toBeUndefined()
    const asProvider = await world.clients.provider1.gql(mutation)
    expect(asProvider.body.errors?.[0]?.extensions?.statusCode).toBe(403)
  })
})

describe('delete', () => {
  const DELETE: Record<string, Cell> = {
    users: only('ops'),
    jobs: only('ops'),
    quotes: only('ops'),
    assignments: only(),
    'schedule-proposals': only(),
    'reminder-logs': only('ops'),
    payouts: only(),
    'audit-events': only(),
    'payload-jobs': only('ops'),
    'worker-heartbeats': only('ops'),
    'webhook-endpoints': only('ops'),
    'webhook-deliveries': only(),
  }
  for (const [collection, cell] of Object.entries(DELETE)) {
    it(`${collection}: ${ACTORS.filter((a) => cell[a]).join(', ') || 'nobody'} may delete`, async () => {
      // refused actors first; the record must survive each of them
      for (const actor of ACTORS.filter((a) => !cell[a])) {
        const res = await world.clients[actor].delete(`/api/${collection}/${target[collection]}`)
        expect([401, 403, 404]).toContain(res.status)
        const still = await app.payload.findByID({ collection: collection as CollectionSlug, id: target[collection], overrideAccess: true, disableErrors: true })
        expect(still).not.toBeNull()
      }
    })
  }
  it('Ops can delete a user, a quote and a queued job; the rows are gone', async () => {
    const user = await app.payload.create({ collection: 'users', data: { email: 'gone@example.com', password: 'long-enough-pw', name: 'Gone', role: 'customer', timeZone: 'UTC' }, overrideAccess: true })
    expect((await world.clients.ops.delete(`/api/users/${user.id}`)).status).toBe(200)
    expect((await world.clients.ops.delete(`/api/payload-jobs/${target['payload-jobs']}`)).status).toBe(200)
    expect(await app.payload.findByID({ collection: 'users', id: user.id, overrideAccess: true, disableErrors: true })).toBeNull()
  })
})

describe('what the matrix implies', () => {
  it('customer B gets nothing of customer A over REST', async () => {
    const { clients, ids } = world
    for (const collection of ['jobs', 'quotes', 'assignments', 'schedule-proposals', 'reminder-logs', 'audit-events']) {
      const res = await clients.customerB.get(`/api/${collection}?depth=0&limit=500`)
      expect(res.status).toBe(200)
      for (const doc of res.body.docs) expect(doc.customer).toBe(ids.customerB)
    }
    expect((await clients.customerB.get(`/api/users/${ids.customerA}`)).status).toBe(404)
  })

  it('customer B gets nothing of customer A over GraphQL, even through relationships', async () => {
    const res = await world.clients.customerB.gql(`{ Jobs(limit: 100) { docs { id customer { id email } } } Quotes(limit: 100) { docs { id customer { id } job { id } } } }`)
    const jobs = res.body.data?.Jobs?.docs ?? []
    expect(jobs.length).toBeGreaterThan(0)
    for (const job of jobs) expect(job.customer.id).toBe(world.ids.customerB)
  })

  it('a provider sees open jobs they were not excluded from, and not the ones they were', async () => {
    const gutter = await one('jobs', { title: { equals: 'Clear gutters' } }) // open, provider 2 excluded
    const leak = await one('jobs', { title: { equals: 'Fix leaking kitchen tap' } }) // open
    expect((await world.clients.provider1.get(`/api/jobs/${gutter.id}`)).status).toBe(200)
    expect((await world.clients.provider2.get(`/api/jobs/${gutter.id}`)).status).toBe(404)
    expect((await world.clients.provider2.get(`/api/jobs/${leak.id}`)).status).toBe(200)
    const quote = await world.clients.provider2.post('/api/quotes', { job: gutter.id, amount: 5000, currency: 'USD' })
    expect(quote.status).toBe(400)
  })

  it('a customer cannot PATCH their assignment status or payoutStatus', async () => {
    const before = await snapshot('assignments')
    for (const data of [{ status: 'verified' }, { payoutStatus: 'approved' }, { version: 99 }]) {
      const res = await world.clients.customerA.patch(`/api/assignments/${target.assignments}`, data)
      expect(res.status).toBe(403)
    }
    expect(await snapshot('assignments')).toBe(before)
  })

  it('a customer cannot change their job status or their own role; a provider cannot accept their own quote', async () => {
    const job = await world.clients.customerA.patch(`/api/jobs/${target.jobs}`, { status: 'completed' })
    expect(job.status).toBe(403)
    expect(job.body.errors[0].message).toMatch(/status/)
    const role = await world.clients.customerA.patch(`/api/users/${world.ids.customerA}`, { role: 'ops' })
    expect(role.status).toBe(403)
    const quote = await world.clients.provider1.patch(`/api/quotes/${target.quotes}`, { status: 'accepted' })
    expect(quote.status).toBe(403)
    expect((await app.payload.findByID({ collection: 'users', id: world.ids.customerA, overrideAccess: true })).role).toBe('customer')
  })

  it('sign-up creates customers or providers, never Ops', async () => {
    const anon = world.clients.anonymous
    const ops = await anon.post('/api/users', { email: 'sneaky@example.com', password: 'long-enough-pw', name: 'S', role: 'ops', timeZone: 'UTC' })
    expect(ops.status).toBe(403)
    const provider = await anon.post('/api/users', { email: 'newpro@example.com', password: 'long-enough-pw', name: 'P', role: 'provider', timeZone: 'UTC' })
    expect(provider.status).toBe(201)
    expect(provider.body.doc.role).toBe('provider')
    const byOps = await world.clients.ops.post('/api/users', { email: 'ops2@example.com', password: 'long-enough-pw', name: 'O', role: 'ops', timeZone: 'UTC' })
    expect(byOps.status).toBe(201)
  })

  it("Payload's own collections: preferences and locks are not readable across users", async () => {
    expect((await world.clients.customerA.post('/api/payload-preferences/nav', { value: { open: true } })).status).toBe(200)
    const mine = await world.clients.customerA.get('/api/payload-preferences?limit=100')
    const theirs = await world.clients.customerB.get('/api/payload-preferences?limit=100')
    expect(mine.status).toBe(200)
    expect(mine.body.docs.map((d: { key: string }) => d.key)).toEqual(['nav'])
    expect(theirs.status).toBe(200)
    expect(theirs.body.docs).toEqual([])
    for (const actor of ['customerA', 'provider1', 'anonymous'] as Actor[]) {
      expect([401, 403]).toContain((await world.clients[actor].get('/api/payload-locked-documents')).status)
      expect([401, 403, 404]).toContain((await world.clients[actor].get('/api/payload-kv')).status)
    }
  })

  it('a provider cannot open the admin API as an admin user, nor run the job queue', async () => {
    const run = await world.clients.provider1.get('/api/payload-jobs/run')
    expect([401, 403]).toContain(run.status)
    const runPost = await world.clients.provider1.post('/api/payload-jobs/run')
    expect([401, 403, 404]).toContain(runPost.status)
    const access = await world.clients.provider1.get('/api/access')
    expect(access.status).toBe(200)
    expect(access.body.canAccessAdmin).not.toBe(true) // Payload drops the key when false
    expect((await world.clients.ops.get('/api/access')).body.canAccessAdmin).toBe(true)
  })
})
