/**
 * The contract: every operation of GET /api/openapi.json is called once over HTTP, as the actor it is for, on a
 * record in a state where it makes sense, and the answer must have a status the document lists for it and, when it
 * is JSON, match that status's schema (JSON Schema 2020-12, checked by ajv). An operation added to the document with
 * no call here fails the test; where the call is expected to succeed, a refusal does too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

import { dbOf } from '../../src/db/sql'
import { isInternalCollection } from '../../src/openapi/schemas'
import { signOneTap } from '../../src/services/oneTap/token'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient, type Reply } from '../helpers/client'
import { seedWorld, type Actor, type World } from '../helpers/fixtures'
import { futureWindow, recordIn, visitToday, type Made } from '../helpers/lifecycleStates'
import { drainWebhooks, walkHappyPath } from '../helpers/webhooks'
import { startReceiver, type Receiver } from '../helpers/webhookReceiver'

let app: TestApp
let world: World
let receiver: Receiver
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> }
let ajv: Ajv2020

beforeAll(async () => {
  receiver = await startReceiver()
  app = await startTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } })
  world = await seedWorld(app.payload, app.baseUrl)
  const res = await world.clients.anonymous.get('/api/openapi.json')
  expect(res.status).toBe(200)
  doc = res.body
  ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(doc as never, 'openapi')
})

afterAll(async () => {
  await receiver?.close()
  await app?.close()
})

const parties = () => ({ customerId: world.ids.customerA, providerId: world.ids.provider1 })
const made = (machine: Parameters<typeof recordIn>[2], state: string, proposer?: 'customer' | 'provider') => recordIn(app.payload, parties(), machine, state, proposer)
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

type Call = { as: Actor | ApiClient; method: string; url: string; body?: unknown; expect?: number | number[]; raw?: boolean }
const called = new Map<string, number>()
const problems: string[] = []

/** Calls one operation and checks the answer against the document; `key` is `method path` as the document has it. */
async function check(key: string, call: Call): Promise<Reply> {
  const [method, path] = key.split(' ')
  const op = doc.paths[path]?.[method]
  if (!op) throw new Error(`${key} is not in the document`)
  const client = call.as instanceof ApiClient ? call.as : world.clients[call.as]
  const res = call.raw
    ? await fetch(`${app.baseUrl}${call.url}`, { method: call.method.toUpperCase(), headers: client.token ? { authorization: `JWT ${client.token}` } : {} }).then(async (r) => ({ status: r.status, body: await r.text(), type: r.headers.get('content-type') }))
    : { ...(await client.request(call.method.toUpperCase(), call.url, call.body)), type: '' }
  called.set(key, res.status)
  const documented = op.responses[String(res.status)]
  if (!documented) problems.push(`${key}: answered ${res.status}, which the document does not list (${Object.keys(op.responses).join(', ')}): ${JSON.stringify(res.body).slice(0, 300)}`)
  const expected = call.expect === undefined ? undefined : ([] as number[]).concat(call.expect)
  if (expected && !expected.includes(res.status)) problems.push(`${key}: expected ${expected.join(' or ')}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`)
  const json = documented?.content?.['application/json']
  if (json?.schema && typeof res.body === 'object') {
    const validate = ajv.getSchema(`openapi#/${pointer('paths', path, method, 'responses', String(res.status), 'content', 'application/json', 'schema')}`)!
    if (!validate(res.body)) {
      const where = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`)
      problems.push(`${key} ${res.status}: ${[...new Set(where)].join('; ')}`)
    }
  }
  return res
}

const first = async (table: string) => Number((await dbOf(app.payload).execute(sql.raw(`SELECT id FROM ${table} ORDER BY id LIMIT 1`))).rows[0]?.id)

/** Create bodies Ops may send, per collection; the others are refused whatever the body (`nobody` creates them). */
const CREATE: Record<string, () => Record<string, unknown>> = {
  users: () => ({ email: `contract-${Date.now()}@example.com`, password: 'long-enough-pw', name: 'Contract', role: 'customer', timeZone: 'UTC' }),
  jobs: () => ({ title: 'Contract job', customer: world.ids.customerA, serviceAddress: { line1: '1 Contract St', city: 'Boston', country: 'US' }, timeZone: 'America/New_York' }),
  quotes: () => ({ job: openJob, provider: world.ids.provider2, amount: 4200, currency: 'USD' }),
  'webhook-endpoints': () => ({ url: receiver.url, events: ['assignment.completed'] }),
}
/** What Ops may change and delete (the rest is `nobody`, or, for assignments and proposals, update only). */
const UPDATE_OK = ['users', 'jobs', 'quotes', 'assignments', 'schedule-proposals', 'webhook-endpoints']
const DELETE_OK = ['users', 'quotes', 'reminder-logs', 'worker-heartbeats', 'webhook-endpoints']
/** Ops may delete these, but not once other records refer to them: a job is audited from its creation on. */
const DELETE_REFERENCED = ['jobs']
const TABLE: Record<string, string> = { 'schedule-proposals': 'schedule_proposals', 'reminder-logs': 'reminder_logs', 'audit-events': 'audit_events', 'worker-heartbeats': 'worker_heartbeats', 'webhook-endpoints': 'webhook_endpoints', 'webhook-deliveries': 'webhook_deliveries', 'kpi-snapshots': 'kpi_snapshots' }
let openJob = 0

describe('every documented operation, once', () => {
  it('answers with a documented status and body', async () => {
    const ops = world.clients.ops
    // records for everything: the happy path with an endpoint listening (events, deliveries), a heartbeat
    const { body: hook } = await ops.post('/api/webhook-endpoints', { url: receiver.url, events: ['*'] })
    await walkHappyPath(app.payload, { customer: world.clients.customerA, provider: world.clients.provider1, ops })
    await drainWebhooks(app.payload)
    await app.payload.create({ collection: 'worker-heartbeats', data: { workerId: 'contract', beatAt: new Date().toISOString() }, overrideAccess: true })
    await app.payload.create({ collection: 'kpi-snapshots', data: { day: '2026-11-30', kpi: 'awaiting_schedule', value: 3, source: 'audit', takenAt: new Date().toISOString() }, overrideAccess: true })
    openJob = (await made('job', 'open')).jobId

    // Payload's CRUD of every collection the document has
    const collections = Object.keys(doc.paths).filter((p) => /^\/api\/[a-z-]+$/.test(p) && p !== '/api/graphql' && doc.paths[p].get && doc.paths[p].post).map((p) => p.slice(5))
    // every collection of the config is in the document, bar Payload's own internals
    expect(collections.sort()).toEqual(app.payload.config.collections.map((c) => c.slug).filter((slug) => !isInternalCollection(slug)).sort())
    for (const slug of collections) {
      const base = `/api/${slug}`
      const id = await first(TABLE[slug] ?? slug)
      await check(`get ${base}`, { as: 'ops', method: 'get', url: `${base}?limit=2&depth=1&sort=-createdAt`, expect: 200 })
      await check(`get ${base}/count`, { as: 'ops', method: 'get', url: `${base}/count`, expect: 200 })
      await check(`get ${base}/{id}`, { as: 'ops', method: 'get', url: `${base}/${id}?depth=1`, expect: 200 })
      const created = await check(`post ${base}`, { as: 'ops', method: 'post', url: base, body: CREATE[slug]?.() ?? {}, expect: CREATE[slug] ? 201 : 403 })
      await check(`patch ${base}/{id}`, { as: 'ops', method: 'patch', url: `${base}/${id}`, body: {}, expect: UPDATE_OK.includes(slug) ? 200 : 403 })
      await check(`patch ${base}`, { as: 'ops', method: 'patch', url: `${base}?where[id][equals]=${id}`, body: {} })
      const victim = created.status === 201 ? created.body.doc.id : id
      await check(`delete ${base}/{id}`, { as: 'ops', method: 'delete', url: `${base}/${victim}`, expect: DELETE_OK.includes(slug) ? 200 : DELETE_REFERENCED.includes(slug) ? 409 : 403 })
      await check(`delete ${base}`, { as: 'ops', method: 'delete', url: `${base}?where[id][equals]=-1` })
    }

    // auth and Payload's root routes
    const fresh = async () => ApiClient.login(app.baseUrl, 'ops@jobline.local', 'jobline-dev')
    await check('post /api/users/login', { as: 'anonymous', method: 'post', url: '/api/users/login', body: { email: 'alice@jobline.local', password: 'jobline-dev' }, expect: 200 })
    await check('post /api/users/logout', { as: await fresh(), method: 'post', url: '/api/users/logout', expect: 200 })
    await check('get /api/users/me', { as: 'customerA', method: 'get', url: '/api/users/me', expect: 200 })
    await check('post /api/users/refresh-token', { as: await fresh(), method: 'post', url: '/api/users/refresh-token', expect: 200 })
    await check('post /api/users/forgot-password', { as: 'anonymous', method: 'post', url: '/api/users/forgot-password', body: { email: 'alice@jobline.local' }, expect: 200 })
    await check('post /api/users/reset-password', { as: 'anonymous', method: 'post', url: '/api/users/reset-password', body: { token: 'not-a-token', password: 'long-enough-pw' } })
    await check('post /api/users/unlock', { as: 'ops', method: 'post', url: '/api/users/unlock', body: { email: 'bob@jobline.local' }, expect: 200 })
    await check('post /api/users/verify/{id}', { as: 'anonymous', method: 'post', url: '/api/users/verify/not-a-token' })
    await check('post /api/users/first-register', { as: 'anonymous', method: 'post', url: '/api/users/first-register', body: { email: 'x@example.com', password: 'long-enough-pw' }, expect: 403 })
    await check('get /api/users/init', { as: 'anonymous', method: 'get', url: '/api/users/init', expect: 200 })
    await check('get /api/access', { as: 'customerA', method: 'get', url: '/api/access', expect: 200 })
    await check('post /api/graphql', { as: 'ops', method: 'post', url: '/api/graphql', body: { query: '{ Jobs(limit: 1) { docs { id title } } }' }, expect: 200 })

    // every action, on a record in a state it leaves that way, as the party the table lets take it
    const act = async (key: string, as: Actor, m: Made, url: (m: Made) => string, body: Record<string, unknown> = {}, expected = 200) =>
      check(key, { as, method: 'post', url: url(m), body: { ...body, version: await versionOf(url(m), m, as) }, expect: expected })
    const reason = { reason: 'Checked by the contract test.' }
    const note = { note: 'Checked by the contract test.' }
    await act('post /api/jobs/{id}/cancel', 'customerA', await made('job', 'open'), (m) => `/api/jobs/${m.jobId}/cancel`, reason)
    await act('post /api/quotes/{id}/accept', 'customerA', await made('quote', 'pending'), (m) => `/api/quotes/${m.quoteId}/accept`)
    await act('post /api/quotes/{id}/decline', 'customerA', await made('quote', 'pending'), (m) => `/api/quotes/${m.quoteId}/decline`, reason)
    await act('post /api/quotes/{id}/withdraw', 'provider1', await made('quote', 'pending'), (m) => `/api/quotes/${m.quoteId}/withdraw`)
    const assigned = await made('job', 'assigned')
    await act('post /api/jobs/{id}/schedule', 'provider1', assigned, (m) => `/api/jobs/${m.jobId}/schedule`, { windows: [futureWindow(assigned.n + 400)] }, 201)
    const offered = await made('proposal', 'open', 'provider')
    await act('post /api/assignments/{id}/schedule/confirm', 'customerA', offered, (m) => `/api/assignments/${m.assignmentId}/schedule/confirm`, { proposalId: offered.proposalId, windowIndex: 0 })
    await act('post /api/schedule-proposals/{id}/decline', 'customerA', await made('proposal', 'open', 'provider'), (m) => `/api/schedule-proposals/${m.proposalId}/decline`, note)
    await act('post /api/assignments/{id}/reject', 'provider1', await made('assignment', 'pending_schedule'), (m) => `/api/assignments/${m.assignmentId}/reject`, reason)
    await act('post /api/assignments/{id}/cancel', 'customerA', await made('assignment', 'pending_schedule'), (m) => `/api/assignments/${m.assignmentId}/cancel`, reason)
    await act('post /api/assignments/{id}/requeue', 'ops', await made('assignment', 'pending_schedule'), (m) => `/api/assignments/${m.assignmentId}/requeue`, note)
    await act('post /api/assignments/{id}/complete', 'provider1', await made('assignment', 'scheduled'), (m) => `/api/assignments/${m.assignmentId}/complete`)
    const today = await made('assignment', 'scheduled')
    await visitToday(app.payload, today.assignmentId!, today.n + 400)
    await act('post /api/assignments/{id}/on-my-way', 'provider1', today, (m) => `/api/assignments/${m.assignmentId}/on-my-way`, { minutes: 20 })
    await act('post /api/assignments/{id}/arrived', 'provider1', today, (m) => `/api/assignments/${m.assignmentId}/arrived`)
    await act('post /api/assignments/{id}/attend', 'customerA', today, (m) => `/api/assignments/${m.assignmentId}/attend`)
    await act('post /api/assignments/{id}/verify', 'customerA', await made('assignment', 'completed'), (m) => `/api/assignments/${m.assignmentId}/verify`)
    await act('post /api/assignments/{id}/dispute', 'customerA', await made('assignment', 'completed'), (m) => `/api/assignments/${m.assignmentId}/dispute`, reason)
    await act('post /api/assignments/{id}/resolve', 'ops', await made('assignment', 'disputed'), (m) => `/api/assignments/${m.assignmentId}/resolve`, { outcome: 'verified', ...note })
    await act('post /api/payouts/{id}/approve', 'ops', await made('payout', 'pending_review'), (m) => `/api/payouts/${m.payoutId}/approve`)
    await act('post /api/payouts/{id}/reject', 'ops', await made('payout', 'pending_review'), (m) => `/api/payouts/${m.payoutId}/reject`, note)
    await act('post /api/payouts/{id}/send-to-review', 'ops', await made('payout', 'failed'), (m) => `/api/payouts/${m.payoutId}/send-to-review`)
    // without Stripe configured a retry is refused (409, documented); with it, the payments tests cover it
    await act('post /api/payouts/{id}/retry-capture', 'ops', await made('payout', 'failed'), (m) => `/api/payouts/${m.payoutId}/retry-capture`, {}, 409)

    // the app's own endpoints
    const scheduled = await made('assignment', 'scheduled')
    await check('get /api/assignments/{id}/calendar.ics', { as: 'customerA', method: 'get', url: `/api/assignments/${scheduled.assignmentId}/calendar.ics`, expect: 200, raw: true })
    const token = await check('post /api/users/calendar-token', { as: 'customerA', method: 'post', url: '/api/users/calendar-token', expect: 201 })
    await check('get /api/calendar/{file}', { as: 'anonymous', method: 'get', url: `/api/calendar/${token.body.token}.ics`, expect: 200, raw: true })
    await check('delete /api/users/calendar-token', { as: 'customerA', method: 'delete', url: '/api/users/calendar-token', expect: 200 })
    const tapped = await made('assignment', 'scheduled')
    await visitToday(app.payload, tapped.assignmentId!, tapped.n + 400)
    // a link is signed for the booked visit, expiring with it, as the reminder email's is
    const [visit] = (await dbOf(app.payload).execute(sql`SELECT scheduled_end FROM assignments WHERE id = ${tapped.assignmentId!}`)).rows
    const t = signOneTap({ assignmentId: tapped.assignmentId!, userId: world.ids.customerA, action: 'attend', expiresAt: new Date(String(visit.scheduled_end)) })
    await check('post /api/one-tap', { as: 'anonymous', method: 'post', url: '/api/one-tap', body: { token: t }, expect: 200 })
    await check('get /api/health', { as: 'anonymous', method: 'get', url: '/api/health', expect: 200 })
    await check('get /api/metrics', { as: 'anonymous', method: 'get', url: '/api/metrics', expect: 200, raw: true })
    await check('get /api/notifications/preview/{template}', { as: 'anonymous', method: 'get', url: '/api/notifications/preview/webhook_endpoint_disabled?channel=email', expect: 200 })
    await check('get /api/openapi.json', { as: 'anonymous', method: 'get', url: '/api/openapi.json', expect: 200 })
    await check('get /api/docs', { as: 'anonymous', method: 'get', url: '/api/docs', expect: 200, raw: true })
    await check('get /api/docs/{file}', { as: 'anonymous', method: 'get', url: '/api/docs/swagger-ui-bundle.js', expect: 200, raw: true })
    const { body: fresh2 } = await ops.post('/api/webhook-endpoints', { url: receiver.url, events: ['payout.captured'] })
    await check('post /api/webhook-endpoints/{id}/reveal-secret', { as: 'ops', method: 'post', url: `/api/webhook-endpoints/${fresh2.doc.id}/reveal-secret`, expect: 200 })
    await check('post /api/webhook-endpoints/{id}/rotate-secret', { as: 'ops', method: 'post', url: `/api/webhook-endpoints/${hook.doc.id}/rotate-secret`, expect: 200 })
    await check('post /api/webhook-endpoints/{id}/redeliver-failed', { as: 'ops', method: 'post', url: `/api/webhook-endpoints/${hook.doc.id}/redeliver-failed`, expect: 200 })
    const delivery = await first('webhook_deliveries')
    await check('post /api/webhook-deliveries/{id}/redeliver', { as: 'ops', method: 'post', url: `/api/webhook-deliveries/${delivery}/redeliver`, expect: 200 })

    const all = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
    expect(all.filter((key) => !called.has(key))).toEqual([])
    expect(problems).toEqual([])
    const ok = [...called.values()].filter((s) => s < 300).length
    process.stdout.write(`contract: ${called.size} operations called, ${ok} answered 2xx, every answer documented and matching its schema\n`)
  })
})

/** The version an action needs: the record's, or for a proposal (POST /api/jobs/:id/schedule) the active assignment's. */
async function versionOf(url: string, m: Made, as: Actor): Promise<number> {
  const id = url.includes('/jobs/') && url.endsWith('/schedule') ? m.assignmentId! : Number(url.split('/')[3])
  const collection = url.includes('/jobs/') && url.endsWith('/schedule') ? 'assignments' : url.split('/')[2]
  const res = await world.clients[as].get(`/api/${collection}/${id}?depth=0`)
  return res.body?.version ?? 1
}
