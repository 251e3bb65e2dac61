/** Bad input gets a 400 naming the field and the reason, and nothing is written. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CollectionSlug } from 'payload'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'

let app: TestApp
let world: World
let openJobId: number

beforeAll(async () => {
  app = await startTestApp()
  world = await seedWorld(app.payload, app.baseUrl)
  const { docs } = await app.payload.find({ collection: 'jobs', where: { title: { equals: 'Fix leaking kitchen tap' } }, overrideAccess: true })
  openJobId = docs[0].id
})
afterAll(async () => {
  await app?.close()
})

const count = async (collection: CollectionSlug) => (await app.payload.count({ collection, overrideAccess: true })).totalDocs

const job = (extra: Record<string, unknown> = {}) => ({
  title: 'Hang shelves',
  serviceAddress: { line1: '5 Elm St', city: 'Boston', country: 'US' },
  timeZone: 'America/New_York',
  ...extra,
})

describe.each([
  ['users', 'anonymous', 'unknown role', { email: 'x@example.com', password: 'long-enough-pw', name: 'X', role: 'admin', timeZone: 'UTC' }, 'role'],
  ['users', 'anonymous', 'invalid time zone', { email: 'y@example.com', password: 'long-enough-pw', name: 'Y', timeZone: 'Mars/Base' }, 'timeZone'],
  ['quotes', 'provider1', 'negative amount', { job: 0, amount: -500, currency: 'USD' }, 'amount'],
  ['quotes', 'provider1', 'fractional amount', { job: 0, amount: 125.5, currency: 'USD' }, 'amount'],
  ['quotes', 'provider1', 'amount as a string', { job: 0, amount: 'lots', currency: 'USD' }, 'amount'],
  ['quotes', 'provider1', 'unknown currency', { job: 0, amount: 1000, currency: 'XYZ' }, 'currency'],
  ['quotes', 'provider1', 'non-existent job', { job: 999999, amount: 1000, currency: 'USD' }, 'job'],
  ['jobs', 'customerA', 'window end before start', job({ preferredWindows: [{ start: '2030-05-01T12:00:00Z', end: '2030-05-01T10:00:00Z' }] }), 'preferredWindows.0.end'],
  ['jobs', 'customerA', 'zero-length window', job({ preferredWindows: [{ start: '2030-05-01T12:00:00Z', end: '2030-05-01T12:00:00Z' }] }), 'preferredWindows.0.end'],
  ['jobs', 'customerA', 'invalid time zone', job({ timeZone: 'Nowhere/Special' }), 'timeZone'],
  ['jobs', 'customerA', 'missing title', job({ title: '' }), 'title'],
  ['jobs', 'customerA', 'missing street', job({ serviceAddress: { city: 'Boston', country: 'US' } }), 'serviceAddress.line1'],
  ['jobs', 'ops', 'non-existent customer', job({ customer: 999999 }), 'customer'],
  // a relationship to several collections (Payload's own) is { relationTo, value }: a list or a stranger id is a 400, not a crash
  ['payload-locked-documents', 'ops', 'user as a list', { user: [1, null], updatedAt: '2026-01-01T00:00:00Z' }, 'user'],
  ['payload-locked-documents', 'ops', 'user naming no record', { user: { relationTo: 'users', value: 999999 } }, 'user'],
  ['payload-locked-documents', 'ops', 'user with a null value', { user: { relationTo: 'users', value: null } }, 'user'],
] as const)('POST /api/%s as %s: %s', (collection, actor, _what, body, field) => {
  it(`answers 400 naming ${field} and writes nothing`, async () => {
    const payloadBody = { ...body } as Record<string, unknown>
    if (payloadBody.job === 0) payloadBody.job = openJobId
    const before = await count(collection)
    const auditBefore = await count('audit-events')
    const res = await world.clients[actor].post(`/api/${collection}`, payloadBody)
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe(field)
    expect(typeof res.body.errors[0].message).toBe('string')
    expect(await count(collection)).toBe(before)
    expect(await count('audit-events')).toBe(auditBefore)
  })
})

describe('updates', () => {
  it('an invalid time zone on a PATCH is a 400 and the job keeps its zone', async () => {
    const res = await world.clients.customerA.patch(`/api/jobs/${openJobId}`, { timeZone: 'Not/AZone' })
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe('timeZone')
    const after = await app.payload.findByID({ collection: 'jobs', id: openJobId, overrideAccess: true })
    expect(after.timeZone).toBe('America/New_York')
  })

  it('Ops cannot move a status by editing the record either: only its actions move it', async () => {
    const { docs } = await app.payload.find({ collection: 'assignments', where: { status: { equals: 'disputed' } }, overrideAccess: true })
    const res = await world.clients.ops.patch(`/api/assignments/${docs[0].id}`, { status: 'verified' })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toContain('"status" changes only through')
    const after = await app.payload.findByID({ collection: 'assignments', id: docs[0].id, overrideAccess: true })
    expect([after.status, after.version]).toEqual(['disputed', docs[0].version])
  })
})

describe('malformed requests', () => {
  it('a body that is not JSON is a 400, not a 500', async () => {
    const res = await fetch(`${app.baseUrl}/api/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${world.clients.customerA.token}` },
      body: '{"title": ',
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })

  it('a NUL character in a JSON body is a 400 whatever the content type says, and no preference is saved', async () => {
    const before = await count('payload-preferences')
    for (const contentType of ['application/json', 'text/plain', undefined]) {
      const res = await fetch(`${app.baseUrl}/api/payload-preferences/fuzzed-key`, {
        method: 'POST',
        headers: { ...(contentType ? { 'content-type': contentType } : {}), authorization: `JWT ${world.clients.ops.token}` },
        body: JSON.stringify({ value: { note: 'a\u0000b' } }),
      })
      expect({ contentType, status: res.status }).toEqual({ contentType, status: 400 })
      expect(errorField(await res.json())).toBe('body')
    }
    expect(await count('payload-preferences')).toBe(before)
  })

  it('an unknown record id is a 404', async () => {
    const res = await world.clients.ops.get('/api/jobs/999999')
    expect(res.status).toBe(404)
  })
})
