/**
 * `where`, `sort` and distinct queries may name only fields the caller reads on every record they can see, and never
 * follow a relationship (for customers and providers): otherwise a filter or an ordering answers what the response
 * hides. Over REST (lists, /count, bulk update) and GraphQL, a refusal is a 400 naming the path. Ops are not limited.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField, type ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'

let app: TestApp
let world: World

beforeAll(async () => {
  app = await startTestApp()
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
})

const refused = async (client: ApiClient, path: string, field: string) => {
  const res = await client.get(path)
  expect([res.status, errorField(res.body)]).toEqual([400, field])
  return res.body
}
const allowed = async (client: ApiClient, path: string) => {
  const res = await client.get(path)
  expect([res.status, res.body.errors]).toEqual([200, undefined])
  return res.body
}

describe('a provider', () => {
  it('cannot order jobs by the customers’ emails: ascending and descending are the same 400', async () => {
    const p = world.clients.provider1
    const asc = await refused(p, '/api/jobs?sort=customer.email', 'customer.email')
    const desc = await refused(p, '/api/jobs?sort=-customer.email', 'customer.email')
    expect(asc).toEqual(desc)
    await refused(p, '/api/jobs?sort=title,-customer.name', 'customer.name')
  })

  it('cannot filter or sort jobs on the street, the postal code or the preferred windows, at any depth of and/or', async () => {
    const p = world.clients.provider1
    await refused(p, '/api/jobs?where[serviceAddress.line1][like]=Demo', 'serviceAddress.line1')
    await refused(p, '/api/jobs?where[or][0][and][0][status][equals]=open&where[or][0][and][1][serviceAddress.postalCode][equals]=10001', 'serviceAddress.postalCode')
    // a group is not a field to compare: the request guard refuses it first, naming the parameter as written
    await refused(p, '/api/jobs?where[serviceAddress][line1][like]=Demo', 'where[serviceAddress]')
    await refused(p, '/api/jobs?where[preferredWindows.start][exists]=true', 'preferredWindows.start')
    await refused(p, '/api/jobs?sort=-serviceAddress.line2', 'serviceAddress.line2')
    // `contains` does not apply to a relationship: the request guard refuses the operator first
    await refused(p, '/api/jobs?where[excludedProviders][contains]=1', 'where[excludedProviders][contains]')
    await refused(p, '/api/jobs?where[excludedProviders][in]=1', 'excludedProviders')
    await refused(p, '/api/jobs/count?where[serviceAddress.line1][like]=Demo', 'serviceAddress.line1')
  })

  it('cannot follow a relationship in a filter, even to a field it may read', async () => {
    const p = world.clients.provider1
    await refused(p, '/api/jobs?where[customer.email][like]=alice', 'customer.email')
    await refused(p, '/api/quotes?where[customer.name][like]=Alice', 'customer.name')
    await refused(p, '/api/quotes?where[job.serviceAddress.line1][like]=Demo', 'job.serviceAddress.line1')
    await refused(p, '/api/quotes?where[job.title][like]=tap', 'job.title')
  })

  it('may filter and sort on what they read on every job they see, and on relations by id', async () => {
    const p = world.clients.provider1
    const city = await allowed(p, '/api/jobs?where[serviceAddress.city][equals]=New%20York&sort=-createdAt&depth=0')
    expect(city.docs.length).toBeGreaterThan(0)
    for (const job of city.docs) expect(job.serviceAddress.city).toBe('New York')
    await allowed(p, '/api/jobs?sort=title&where[status][in]=open,assigned')
    await allowed(p, `/api/jobs?where[customer][equals]=${world.ids.customerA}`)
    await allowed(p, `/api/jobs?where[customer.id][equals]=${world.ids.customerA}`)
    await allowed(p, `/api/jobs?where[id][in]=1,2&sort=updatedAt`)
  })

  it('cannot filter payouts on their Stripe ids or errors', async () => {
    const p = world.clients.provider1
    await refused(p, '/api/payouts?where[idempotencyKey][exists]=true', 'idempotencyKey')
    await refused(p, '/api/payouts?sort=lastError', 'lastError')
    await refused(p, '/api/assignments?where[payment.paymentIntentId][exists]=true', 'payment.paymentIntentId')
    await allowed(p, '/api/payouts?where[status][equals]=pending_review')
  })

  it('cannot bulk-update by a filter on a hidden field', async () => {
    const res = await world.clients.provider1.patch('/api/jobs?where[serviceAddress.line1][like]=Demo', { title: 'x' })
    expect([res.status, errorField(res.body)]).toEqual([400, 'serviceAddress.line1'])
  })
})

describe('a customer', () => {
  it('filters and sorts their own jobs on any of their fields, but not through the provider', async () => {
    const c = world.clients.customerA
    await allowed(c, '/api/jobs?sort=serviceAddress.line1&where[serviceAddress.postalCode][equals]=10001')
    await refused(c, '/api/jobs?where[assignedProvider.email][like]=pat', 'assignedProvider.email')
    await refused(c, '/api/quotes?sort=provider.name', 'provider.name')
  })

  it('finds the providers they deal with by name, not by email or phone', async () => {
    const c = world.clients.customerA
    const found = await allowed(c, '/api/users?where[name][like]=Pat&depth=0')
    expect(found.docs.map((u: { id: number }) => u.id)).toEqual([world.ids.provider1])
    await refused(c, '/api/users?where[email][like]=pat', 'email')
    await refused(c, '/api/users?sort=phone', 'phone')
    await refused(c, '/api/users?where[payment.stripeCustomerId][exists]=true', 'payment.stripeCustomerId')
    await refused(c, '/api/users?where[hash][exists]=true', 'hash')
  })

  it('cannot filter reminder logs on their delivery internals', async () => {
    const c = world.clients.customerA
    await refused(c, '/api/reminder-logs?where[dedupeKey][like]=seed', 'dedupeKey')
    await refused(c, '/api/reminder-logs?sort=claimedBy', 'claimedBy')
    const mine = await allowed(c, '/api/reminder-logs?where[recipientAddress][like]=alice&depth=0')
    for (const log of mine.docs) expect(log.recipient).toBe(world.ids.customerA)
  })
})

describe('GraphQL runs the same rules on its where and sort arguments', () => {
  const gqlError = (body: any) => ({ status: body.errors?.[0]?.extensions?.statusCode, path: body.errors?.[0]?.extensions?.data?.errors?.[0]?.path })

  it('refuses a provider’s filter on the street and sort by customer email', async () => {
    const p = world.clients.provider1
    const where = await p.gql('{ Jobs(where: { serviceAddress__line1: { like: "Demo" } }) { docs { id } } }')
    expect(gqlError(where.body)).toEqual({ status: 400, path: 'serviceAddress.line1' })
    expect(where.body.data?.Jobs ?? null).toBeNull()
    for (const sort of ['customer.email', '-customer.email', 'customer__email']) {
      const sorted = await p.gql(`{ Jobs(sort: "${sort}") { docs { id } } }`)
      // refused by the field policy (naming the path), or, spelt the GraphQL way, by the request guard's argument rule
      expect(gqlError(sorted.body)).toEqual({ status: 400, path: sort === 'customer__email' ? 'sort' : 'customer.email' })
    }
    const count = await p.gql('{ countJobs(where: { serviceAddress__postalCode: { equals: "10001" } }) { totalDocs } }')
    expect(gqlError(count.body)).toEqual({ status: 400, path: 'serviceAddress.postalCode' })
  })

  it('answers what the provider may ask', async () => {
    const res = await world.clients.provider1.gql('{ Jobs(where: { serviceAddress__city: { equals: "New York" } }, sort: "-createdAt") { docs { id serviceAddress { city } } } }')
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data!.Jobs.docs.length).toBeGreaterThan(0)
  })
})

describe('Ops', () => {
  it('may filter and sort on anything, relationships included', async () => {
    const o = world.clients.ops
    const byEmail = await allowed(o, '/api/jobs?sort=-customer.email&where[customer.email][like]=alice&depth=0')
    expect(byEmail.docs.length).toBeGreaterThan(0)
    for (const job of byEmail.docs) expect(job.customer).toBe(world.ids.customerA)
    await allowed(o, '/api/jobs?where[serviceAddress.line1][like]=Demo')
    await allowed(o, '/api/payouts?where[idempotencyKey][exists]=false&sort=lastError')
    const gql = await o.gql('{ Jobs(where: { serviceAddress__line1: { like: "Demo" } }, sort: "customer.email") { docs { id } } }')
    expect(gql.body.errors).toBeUndefined()
  })
})

describe('anonymous', () => {
  it('is refused before anything is read', async () => {
    const res = await world.clients.anonymous.get('/api/jobs?sort=customer.email')
    expect([400, 401, 403]).toContain(res.status)
    expect(JSON.stringify(res.body)).not.toMatch(/alice|bob/)
  })
})
