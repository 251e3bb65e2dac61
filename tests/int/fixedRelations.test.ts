/**
 * The relations the workflow depends on are fixed when a record is created: changing one is a 400 naming the field
 * and changes nothing — over REST, GraphQL and for the server's own updates, for everyone, Ops included. Sending the
 * stored value again is fine. First of all: the quote takeover of issue 10 (a provider moving a pending quote onto
 * someone else's open job) is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CollectionSlug } from 'payload'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'

let app: TestApp
let world: World
const id: Record<string, number> = {}

const one = async (collection: CollectionSlug, where: Record<string, unknown>) => {
  const { docs } = await app.payload.find({ collection, where: where as never, overrideAccess: true, depth: 0, limit: 1 })
  if (!docs[0]) throw new Error(`fixture missing in ${collection}: ${JSON.stringify(where)}`)
  return docs[0] as unknown as { id: number } & Record<string, unknown>
}
const snapshot = async (collection: CollectionSlug, recordId: number) =>
  JSON.stringify(await app.payload.findByID({ collection, id: recordId, overrideAccess: true, depth: 0 }))

beforeAll(async () => {
  app = await startTestApp()
  world = await seedWorld(app.payload, app.baseUrl)
  const { ids } = world
  id.leak = (await one('jobs', { title: { equals: 'Fix leaking kitchen tap' } })).id // customer A, open
  id.gutter = (await one('jobs', { title: { equals: 'Clear gutters' } })).id // customer B, open
  id.fence = (await one('jobs', { title: { equals: 'Repair garden fence' } })).id // customer A, assigned to provider 1
  id.paint = (await one('jobs', { title: { equals: 'Paint the hallway' } })).id
  id.quote = (await one('quotes', { and: [{ job: { equals: id.leak } }, { provider: { equals: ids.provider1 } }] })).id
  id.otherQuote = (await one('quotes', { and: [{ job: { equals: id.leak } }, { provider: { equals: ids.provider2 } }] })).id
  id.assignment = (await one('assignments', { job: { equals: id.fence } })).id
  id.otherAssignment = (await one('assignments', { job: { equals: id.paint } })).id
  id.proposal = (await one('schedule-proposals', { assignment: { equals: id.assignment } })).id
  id.payout = (await one('payouts', {})).id
  id.log = (await one('reminder-logs', { kind: { equals: 'visit_reminder' } })).id
})
afterAll(async () => {
  await app?.close()
})

describe('the quote takeover', () => {
  it('a provider cannot move their pending quote onto another open job (REST): 400 naming job, nothing changes', async () => {
    const quoteBefore = await snapshot('quotes', id.quote)
    const jobBefore = await snapshot('jobs', id.gutter)
    const res = await world.clients.provider1.patch(`/api/quotes/${id.quote}`, { job: id.gutter })
    expect([res.status, errorField(res.body)]).toEqual([400, 'job'])
    expect(await snapshot('quotes', id.quote)).toBe(quoteBefore)
    expect(await snapshot('jobs', id.gutter)).toBe(jobBefore)
    // a changed message alongside does not get through either: the whole update is refused
    const mixed = await world.clients.provider1.patch(`/api/quotes/${id.quote}`, { job: id.gutter, message: 'moved' })
    expect(mixed.status).toBe(400)
    expect(await snapshot('quotes', id.quote)).toBe(quoteBefore)
  })

  it('nor over GraphQL updateQuote, nor by a bulk update', async () => {
    const quoteBefore = await snapshot('quotes', id.quote)
    const res = await world.clients.provider1.gql(`mutation { updateQuote(id: ${id.quote}, data: { job: ${id.gutter} }) { id job { id } } }`)
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 400, data: { errors: [{ path: 'job' }] } })
    const bulk = await world.clients.provider1.patch(`/api/quotes?where[id][equals]=${id.quote}`, { job: id.gutter })
    expect(bulk.status).toBe(400)
    expect(await snapshot('quotes', id.quote)).toBe(quoteBefore)
  })

  it("nor give it someone else's name or customer", async () => {
    const before = await snapshot('quotes', id.quote)
    for (const data of [{ provider: world.ids.provider2 }, { customer: world.ids.customerB }]) {
      const res = await world.clients.provider1.patch(`/api/quotes/${id.quote}`, data)
      expect([res.status, errorField(res.body)]).toEqual([400, Object.keys(data)[0]])
    }
    expect(await snapshot('quotes', id.quote)).toBe(before)
  })

  it('echoing the stored relations (as a form does) and changing the message is fine', async () => {
    const current = (await world.clients.provider1.get(`/api/quotes/${id.quote}?depth=1`)).body
    const res = await world.clients.provider1.patch(`/api/quotes/${id.quote}`, { job: current.job, provider: current.provider, customer: current.customer, message: 'Still happy to help.' })
    expect(res.status).toBe(200)
    expect(res.body.doc.message).toBe('Still happy to help.')
    expect(res.body.doc.job).toMatchObject({ id: id.leak })
  })
})

describe('every relation, for Ops too', () => {
  const cases = (): { collection: CollectionSlug; gql: string; recordId: number; field: string; other: number }[] => [
    { collection: 'quotes', gql: 'updateQuote', recordId: id.quote, field: 'job', other: id.gutter },
    { collection: 'quotes', gql: 'updateQuote', recordId: id.quote, field: 'provider', other: world.ids.provider2 },
    { collection: 'quotes', gql: 'updateQuote', recordId: id.quote, field: 'customer', other: world.ids.customerB },
    { collection: 'jobs', gql: 'updateJob', recordId: id.leak, field: 'customer', other: world.ids.customerB },
    { collection: 'assignments', gql: 'updateAssignment', recordId: id.assignment, field: 'job', other: id.paint },
    { collection: 'assignments', gql: 'updateAssignment', recordId: id.assignment, field: 'quote', other: id.otherQuote },
    { collection: 'assignments', gql: 'updateAssignment', recordId: id.assignment, field: 'customer', other: world.ids.customerB },
    { collection: 'assignments', gql: 'updateAssignment', recordId: id.assignment, field: 'provider', other: world.ids.provider2 },
    { collection: 'schedule-proposals', gql: 'updateScheduleProposal', recordId: id.proposal, field: 'assignment', other: id.otherAssignment },
    { collection: 'schedule-proposals', gql: 'updateScheduleProposal', recordId: id.proposal, field: 'customer', other: world.ids.customerB },
    { collection: 'schedule-proposals', gql: 'updateScheduleProposal', recordId: id.proposal, field: 'provider', other: world.ids.provider2 },
    { collection: 'schedule-proposals', gql: 'updateScheduleProposal', recordId: id.proposal, field: 'proposedBy', other: world.ids.customerA },
  ]

  it('Ops changing a relation over REST: 400 naming it, nothing written', async () => {
    for (const c of cases()) {
      const before = await snapshot(c.collection, c.recordId)
      const res = await world.clients.ops.patch(`/api/${c.collection}/${c.recordId}`, { [c.field]: c.other })
      expect([c.collection, c.field, res.status, errorField(res.body)]).toEqual([c.collection, c.field, 400, c.field])
      expect(await snapshot(c.collection, c.recordId)).toBe(before)
    }
  })

  it('Ops changing a relation over GraphQL: 400 naming it, nothing written', async () => {
    for (const c of cases()) {
      const before = await snapshot(c.collection, c.recordId)
      const res = await world.clients.ops.gql(`mutation { ${c.gql}(id: ${c.recordId}, data: { ${c.field}: ${c.other} }) { id } }`)
      expect([c.collection, c.field, res.body.errors?.[0]?.extensions?.statusCode, res.body.errors?.[0]?.extensions?.data?.errors?.[0]?.path]).toEqual([
        c.collection,
        c.field,
        400,
        c.field,
      ])
      expect(await snapshot(c.collection, c.recordId)).toBe(before)
    }
  })

  it('clearing a relation is a change too', async () => {
    const res = await world.clients.ops.patch(`/api/assignments/${id.assignment}`, { provider: null })
    expect([res.status, errorField(res.body)]).toEqual([400, 'provider'])
  })

  it('Ops saving a whole record as the admin form sends it back, relations unchanged, is fine', async () => {
    for (const [collection, recordId] of [['assignments', id.assignment], ['schedule-proposals', id.proposal], ['jobs', id.fence]] as const) {
      const doc = (await world.clients.ops.get(`/api/${collection}/${recordId}?depth=1`)).body
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = doc
      const res = await world.clients.ops.patch(`/api/${collection}/${recordId}`, rest)
      expect([collection, res.status, res.body.errors]).toEqual([collection, 200, undefined])
    }
  })

  it('a customer cannot hand their job to another customer', async () => {
    const before = await snapshot('jobs', id.leak)
    const res = await world.clients.customerA.patch(`/api/jobs/${id.leak}`, { customer: world.ids.customerB })
    expect([res.status, errorField(res.body)]).toEqual([400, 'customer'])
    expect(await snapshot('jobs', id.leak)).toBe(before)
  })

  it('payouts and reminder logs, which nobody updates over the API, refuse it from the server itself too', async () => {
    for (const [collection, recordId, field, other] of [
      ['payouts', id.payout, 'assignment', id.otherAssignment],
      ['payouts', id.payout, 'customer', world.ids.customerA],
      ['payouts', id.payout, 'provider', world.ids.provider2],
      ['reminder-logs', id.log, 'customer', world.ids.customerB],
      ['reminder-logs', id.log, 'provider', world.ids.provider1],
    ] as const) {
      const before = await snapshot(collection, recordId)
      await expect(app.payload.update({ collection, id: recordId, data: { [field]: other }, overrideAccess: true })).rejects.toMatchObject({
        status: 400,
        data: { errors: [{ path: field }] },
      })
      expect(await snapshot(collection, recordId)).toBe(before)
      expect((await world.clients.ops.patch(`/api/${collection}/${recordId}`, { [field]: other })).status).toBe(403)
    }
  })
})
