/**
 * The input named in issue 10 ("Trust boundary", items 7 and 8), as plain regression tests over REST and GraphQL:
 * each is a 4xx naming what to change (never a 500), and nothing is written. The rules are in docs/api.md
 * ("Input rules and limits"); the fuzz suites (fuzz.*.test.ts) look for the ones nobody named.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CollectionSlug } from 'payload'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'

let app: TestApp
let world: World
let openJobId: number
let assignmentId: number

beforeAll(async () => {
  app = await startTestApp()
  world = await seedWorld(app.payload, app.baseUrl)
  const { docs } = await app.payload.find({ collection: 'jobs', where: { title: { equals: 'Fix leaking kitchen tap' } }, overrideAccess: true })
  openJobId = docs[0].id
  const assignments = await app.payload.find({ collection: 'assignments', where: { customer: { equals: world.ids.customerA } }, overrideAccess: true, limit: 1 })
  assignmentId = assignments.docs[0].id
})
afterAll(async () => {
  await app?.close()
})

const count = async (collection: CollectionSlug) => (await app.payload.count({ collection, overrideAccess: true })).totalDocs
const gqlError = (body: any) => body?.errors?.[0]
const job = (extra: Record<string, unknown> = {}) => ({
  title: 'Hang shelves',
  serviceAddress: { line1: '5 Elm St', city: 'Boston', country: 'US' },
  timeZone: 'America/New_York',
  ...extra,
})

describe('ids in the path', () => {
  it.each([
    ['abc', 400],
    ['1.5', 400],
    ['1e3', 400],
    ['0', 404],
    ['-1', 404],
    ['2147483648', 404],
    ['99999999999999999999', 404],
  ])('/api/jobs/%s answers %i', async (id, status) => {
    const res = await world.clients.ops.get(`/api/jobs/${id}`)
    expect(res.status).toBe(status)
    expect(typeof res.body.errors[0].message).toBe('string')
  })

  it('every route with an :id, custom actions included, refuses a non-number (400) and an impossible id (404)', async () => {
    // (versions and e-mail verification are not kept here: those routes answer 404 whatever the id; preferences'
    // own /:key routes come before /:id)
    const routes = app.config.collections.filter((c) => c.slug !== 'payload-preferences').flatMap((c) =>
      (c.endpoints || [])
        .filter((e) => /:id\b/.test(e.path) && !/^\/(versions|verify)\//.test(e.path))
        .map((e) => ({ method: e.method.toUpperCase(), path: `/api/${c.slug}${e.path}` })),
    )
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/quotes/:id/accept', '/api/jobs/:id/schedule', '/api/assignments/:id/schedule/confirm', '/api/payouts/:id/approve']),
    )
    const before = await count('audit-events')
    for (const route of routes) {
      for (const [id, status] of [['abc', 400], ['2147483648', 404]] as const) {
        const res = await world.clients.ops.request(route.method, route.path.replace(/:id\??/, id), route.method === 'GET' ? undefined : {})
        expect(`${route.method} ${route.path} ${id} → ${res.status}`).toBe(`${route.method} ${route.path} ${id} → ${status}`)
      }
    }
    expect(await count('audit-events')).toBe(before)
  })

  it('a body id out of range is a 400 naming the field', async () => {
    const res = await world.clients.customerA.post(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId: 1e20, windowIndex: 0, version: 1 })
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe('proposalId')
  })

  it('GraphQL refuses an id past 32 bits before any resolver runs', async () => {
    const res = await world.clients.ops.gql('{ Job(id: 2147483648) { id } }')
    expect(res.status).toBeLessThan(500)
    expect(gqlError(res.body).message).toMatch(/invalid value|cannot represent/)
  })
})

describe('page, limit, depth and where', () => {
  it.each([
    ['page=-5', 'page'],
    ['page=abc', 'page'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['depth=4', 'depth'],
    ['where[id][in]=1,abc', 'where[id][in][1]'],
    ['where[id][in][0]=1&where[id][in][1]=2147483648', 'where[id][in][1]'],
    ['where[id][equals]=2147483648', 'where[id][equals]'],
    ['where[createdAt][greater_than]=2027-02-30', 'where[createdAt][greater_than]'],
    ['where[status][equals]=nonsense', 'where[status][equals]'],
    ['where[title][bogus]=x', 'where[title][bogus]'],
    ['where=not-json', 'where'],
  ])('GET /api/jobs?%s is a 400 naming %s', async (query, param) => {
    const res = await world.clients.ops.get(`/api/jobs?${query}`)
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe(param)
  })

  it('an `in` list of 70,000 members (a form body with X-HTTP-Method-Override) is a 400, not a 500', async () => {
    const members = Array.from({ length: 70_000 }, (_, i) => i + 1).join(',')
    const res = await fetch(`${app.baseUrl}/api/jobs`, {
      method: 'POST',
      headers: {
        authorization: `JWT ${world.clients.ops.token}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-http-method-override': 'GET',
      },
      body: `where[id][in]=${members}`,
    })
    expect(res.status).toBe(400)
    expect(errorField(await res.json())).toBe('where[id][in]')
  })

  it('/count and bulk updates are bounded the same way', async () => {
    expect((await world.clients.ops.get('/api/jobs/count?where[id][in]=1,x')).status).toBe(400)
    const before = await app.payload.find({ collection: 'jobs', overrideAccess: true, limit: 500 })
    const res = await world.clients.ops.patch('/api/jobs?where[id][equals]=1e20', { title: 'Everything renamed' })
    expect(res.status).toBe(400)
    const after = await app.payload.find({ collection: 'jobs', overrideAccess: true, limit: 500 })
    expect(after.docs.map((d) => d.title)).toEqual(before.docs.map((d) => d.title))
  })

  it('GraphQL arguments follow the same rules', async () => {
    const cases: [string, string][] = [
      ['{ Jobs(page: -5) { totalDocs } }', 'page'],
      ['{ Jobs(limit: 100000) { totalDocs } }', 'limit'],
      ['{ Jobs(where: { customer: { equals: "abc" } }) { totalDocs } }', 'where[customer][equals]'],
      [`{ Jobs(where: { customer: { in: [${Array.from({ length: 501 }, (_, i) => i + 1).join(',')}] } }) { totalDocs } }`, 'where[customer][in]'],
      ['{ Jobs(sort: "customer.password") { totalDocs } }', 'sort'],
      ['{ countUsers(where: { phone: { all: ["1"] } }) { totalDocs } }', 'where[phone][all]'],
    ]
    for (const [query, param] of cases) {
      const res = await world.clients.ops.gql(query)
      expect(res.status).toBeLessThan(500)
      expect(gqlError(res.body)?.extensions?.statusCode).toBe(400)
      expect((gqlError(res.body)?.extensions as any)?.data?.errors?.[0]?.path).toBe(param)
    }
  })
})

describe("Payload's own routes", () => {
  it('GET /api/jobs/versions (no versions kept) is a 404', async () => {
    const res = await world.clients.ops.get('/api/jobs/versions')
    expect(res.status).toBe(404)
    expect((await world.clients.ops.get('/api/jobs/versions/1')).status).toBe(404)
  })

  it('an 8 MB JSON body to /api/payload-preferences is a 413 and nothing is stored', async () => {
    const before = await count('payload-preferences')
    const big = JSON.stringify({ value: 'x'.repeat(8 * 1024 * 1024) })
    const res = await fetch(`${app.baseUrl}/api/payload-preferences/some-key`, {
      method: 'POST',
      headers: { authorization: `JWT ${world.clients.customerA.token}`, 'content-type': 'application/json' },
      body: big,
    })
    expect(res.status).toBe(413)
    expect(await count('payload-preferences')).toBe(before)
  })

  it('a chunked body without Content-Length is cut off at the limit too (413)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(256 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 8) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const res = await fetch(`${app.baseUrl}/api/jobs`, {
      method: 'POST',
      headers: { authorization: `JWT ${world.clients.customerA.token}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it('GraphQL bodies have the same limit', async () => {
    const res = await world.clients.ops.request('POST', '/api/graphql', { query: `{ Jobs { totalDocs } }`, padding: 'x'.repeat(1_100_000) })
    expect(res.status).toBe(413)
  })
})

describe('bodies', () => {
  it('a quote for two jobs at once (`job: [a, b]`) is a 400 naming job', async () => {
    const before = await count('quotes')
    const res = await world.clients.provider1.post('/api/quotes', { job: [openJobId, openJobId], amount: 1000, currency: 'USD' })
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe('job')
    expect(await count('quotes')).toBe(before)
  })

  it('a sign-up asking for `role: ["ops"]` is a 400 naming role', async () => {
    const before = await count('users')
    const res = await world.clients.anonymous.post('/api/users', { email: 'sly@example.com', password: 'long-enough-pw', name: 'S', timeZone: 'UTC', role: ['ops'] })
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe('role')
    expect(await count('users')).toBe(before)
  })

  it.each([
    ['on 30 February', '2027-02-30T09:00:00-05:00', '2027-02-30T11:00:00-05:00'],
    ['without an offset', '2027-01-12T09:00:00', '2027-01-12T11:00:00'],
  ])('a preferred window %s is a 400 naming the field, over REST and GraphQL', async (_what, start, end) => {
    const before = await count('jobs')
    const res = await world.clients.customerA.post('/api/jobs', job({ preferredWindows: [{ start, end }] }))
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe('preferredWindows.0.start')
    const gql = await world.clients.customerA.gql(
      `mutation ($data: mutationJobInput!) { createJob(data: $data) { id } }`,
      { data: job({ preferredWindows: [{ start, end }] }) },
    )
    expect(gql.status).toBeLessThan(500)
    expect(gqlError(gql.body)?.extensions?.statusCode).toBeLessThan(500)
    expect(gql.body.data?.createJob ?? null).toBeNull()
    expect(await count('jobs')).toBe(before)
  })

  it('a provider blackout date that is not a real date is a 400', async () => {
    const res = await world.clients.provider1.patch(`/api/users/${world.ids.provider1}`, { availability: { blackoutDates: [{ date: '2027-02-30' }] } })
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe('availability.blackoutDates.0.date')
  })

  it('a visit time is not Ops\' to edit at all (only actions move it); a date they may edit still needs its offset', async () => {
    const res = await world.clients.ops.patch(`/api/assignments/${assignmentId}`, { scheduledStart: '2027-01-12T09:00:00' })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toContain('scheduledStart')
    const { docs } = await app.payload.find({ collection: 'jobs', where: { status: { equals: 'open' } }, limit: 1, overrideAccess: true })
    const window = await world.clients.ops.patch(`/api/jobs/${docs[0].id}`, {
      preferredWindows: [{ start: '2027-01-12T09:00:00', end: '2027-01-12T11:00:00Z' }],
    })
    expect(window.status).toBe(400)
    expect(errorField(window.body)).toBe('preferredWindows.0.start')
  })

  it('`america/new_york` is stored as America/New_York, over REST and GraphQL', async () => {
    const rest = await world.clients.customerA.post('/api/jobs', job({ timeZone: 'america/new_york' }))
    expect(rest.status).toBe(201)
    expect(rest.body.doc.timeZone).toBe('America/New_York')
    const gql = await world.clients.customerA.gql(`mutation ($data: mutationJobInput!) { createJob(data: $data) { timeZone } }`, {
      data: job({ timeZone: 'europe/BERLIN' }),
    })
    expect(gql.body.data.createJob.timeZone).toBe('Europe/Berlin')
  })

  it('deleting a user others refer to is a 409, not a database error', async () => {
    const res = await world.clients.ops.delete(`/api/users/${world.ids.provider1}`)
    expect(res.status).toBe(409)
    expect(await app.payload.count({ collection: 'users', where: { id: { equals: world.ids.provider1 } }, overrideAccess: true })).toMatchObject({ totalDocs: 1 })
  })
})
