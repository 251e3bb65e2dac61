/**
 * Webhooks end to end, with real HTTP receivers on 127.0.0.1: who may manage endpoints, the signing secret shown once
 * and rotated, the happy path's events arriving signed (checked with a verifier written in the test, not the app's),
 * retries with the same event id, per-record order, receivers that hang, redirect, flood or fail, disabling after
 * repeated failures with an Ops alert, redelivery, and the metrics. Deliveries run in this process the way the
 * worker's webhook lanes run them (tests/helpers/webhooks.ts); webhooks.worker.test.ts kills real workers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient, errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { parsePrometheusText, sampleValue } from '../helpers/prometheus'
import { rows } from '../helpers/reminders'
import { drainWebhooks, eventsSince, lastEventId, walkHappyPath } from '../helpers/webhooks'
import { startReceiver, verifySignature, type Receiver } from '../helpers/webhookReceiver'

let app: TestApp
let world: World
let ops: ApiClient
const receivers: Receiver[] = []
let paths = 0

beforeAll(async () => {
  app = await startTestApp({
    env: {
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_MS: '40',
      WEBHOOK_TIMEOUT_MS: '800',
      WEBHOOK_DISABLE_AFTER_FAILURES: '6',
      WEBHOOK_LEASE_MS: '20000',
    },
  })
  world = await seedWorld(app.payload, app.baseUrl)
  ops = world.clients.ops
})

afterAll(async () => {
  for (const r of receivers) await r.close()
  await app?.close()
})

const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const r = await startReceiver(...args)
  receivers.push(r)
  return r
}

/** Creates an endpoint as Ops and reveals its secret (its one showing). */
async function endpoint(url: string, data: Record<string, unknown> = {}): Promise<{ id: number; secret: string }> {
  const created = await ops.post('/api/webhook-endpoints', { url, events: ['*'], ...data })
  expect(created.status).toBe(201)
  const revealed = await ops.post(`/api/webhook-endpoints/${created.body.doc.id}/reveal-secret`)
  expect(revealed.status).toBe(200)
  return { id: created.body.doc.id, secret: revealed.body.secret }
}

const happyPath = () =>
  walkHappyPath(app.payload, { customer: world.clients.customerA, provider: world.clients.provider1, ops }, ++paths)

const disable = (id: number) => ops.patch(`/api/webhook-endpoints/${id}`, { enabled: false })

const deliveriesOf = async (endpointId: number) =>
  (await rows(app.payload, sql`SELECT id, event_id, status, attempts, response_status, error FROM webhook_deliveries
    WHERE endpoint_id = ${endpointId} ORDER BY event_id`)).map((r) => ({
    id: Number(r.id),
    eventId: Number(r.event_id),
    status: String(r.status),
    attempts: Number(r.attempts),
    responseStatus: r.response_status == null ? null : Number(r.response_status),
    error: r.error as string | null,
  }))

describe('who manages webhooks', () => {
  it('customers, providers and anonymous callers can neither see nor create endpoints or deliveries (REST and GraphQL)', async () => {
    const { id } = await endpoint((await receiver()).url)
    await disable(id)
    for (const actor of ['customerA', 'provider1', 'anonymous'] as const) {
      const client = world.clients[actor]
      const expectedDenied = actor === 'anonymous' ? [401, 403] : [403]
      expect([actor, expectedDenied.includes((await client.get('/api/webhook-endpoints')).status)]).toEqual([actor, true])
      expect([actor, expectedDenied.includes((await client.get(`/api/webhook-endpoints/${id}`)).status)]).toEqual([actor, true])
      expect([actor, expectedDenied.includes((await client.get('/api/webhook-deliveries')).status)]).toEqual([actor, true])
      expect([actor, expectedDenied.includes((await client.post('/api/webhook-endpoints', { url: 'http://127.0.0.1:9/x', events: ['*'] })).status)]).toEqual([actor, true])
      for (const path of [`/api/webhook-endpoints/${id}/reveal-secret`, `/api/webhook-endpoints/${id}/rotate-secret`, `/api/webhook-endpoints/${id}/redeliver-failed`]) {
        expect([actor, path, [401, 403].includes((await client.post(path)).status)]).toEqual([actor, path, true])
      }
      // not in GraphQL at all (for Ops neither): REST and the admin only
      const gql = await client.gql('{ WebhookEndpoints { docs { id url } } }')
      expect([actor, gql.body.data ?? null, gql.body.errors?.[0]?.message]).toEqual([actor, null, expect.stringContaining('WebhookEndpoints')])
    }
    expect((await ops.gql('{ WebhookDeliveries { docs { id } } }')).body.errors?.[0]?.message).toContain('WebhookDeliveries')
    const count = await rows(app.payload, sql`SELECT count(*)::int AS n FROM webhook_endpoints`)
    expect(count[0].n).toBe(1)
  })

  it('refuses URLs that are not http(s), too long or not URLs with a 400 naming the field, and unknown event types', async () => {
    const bad = ['ftp://example.com/hook', 'javascript:alert(1)', 'not a url', `https://example.com/${'a'.repeat(2100)}`, 'https://user:pw@example.com/x', '']
    for (const url of bad) {
      const res = await ops.post('/api/webhook-endpoints', { url, events: ['*'] })
      expect([url.slice(0, 40), res.status, errorField(res.body)]).toEqual([url.slice(0, 40), 400, 'url'])
    }
    const types = await ops.post('/api/webhook-endpoints', { url: 'http://127.0.0.1:9/x', events: ['job.exploded'] })
    expect([types.status, errorField(types.body)]).toEqual([400, 'events'])
  })
})

describe('the signing secret', () => {
  it('is shown once, rotates, and signs with both secrets for the overlap', async () => {
    const r = await receiver()
    const { id, secret } = await endpoint(r.url, { events: ['assignment.completed'] })
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    const again = await ops.post(`/api/webhook-endpoints/${id}/reveal-secret`)
    expect(again.status).toBe(409)
    // not readable anywhere else: the endpoint's REST record carries no secret
    const doc = await ops.get(`/api/webhook-endpoints/${id}`)
    expect(JSON.stringify(doc.body)).not.toContain(secret)
    const rotated = await ops.post(`/api/webhook-endpoints/${id}/rotate-secret`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(secret)
    expect(new Date(rotated.body.previousValidUntil).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000)
    const stored = await rows(app.payload, sql`SELECT ciphertext FROM webhook_secrets WHERE endpoint_id = ${id}`)
    expect(stored.length).toBe(2)
    for (const s of stored) expect(String(s.ciphertext)).not.toContain(secret.slice(6, 20))

    await happyPath()
    await drainWebhooks(app.payload)
    expect(r.received.length).toBe(1)
    const [hit] = r.received
    const header = String(hit.headers['jobline-signature'])
    expect(header.match(/v1=/g)?.length).toBe(2)
    expect(verifySignature(header, hit.raw, rotated.body.secret)).toBe(true)
    expect(verifySignature(header, hit.raw, secret)).toBe(true)
    expect(verifySignature(header, hit.raw, 'whsec_someone-else')).toBe(false)
    expect(verifySignature(header, `${hit.raw} `, rotated.body.secret)).toBe(false)
    // once the old secret's overlap is over, only the new one signs
    await rows(app.payload, sql`UPDATE webhook_secrets SET expires_at = now() - interval '1 second' WHERE endpoint_id = ${id} AND expires_at IS NOT NULL`)
    await ops.post(`/api/webhook-deliveries/${(await deliveriesOf(id))[0].id}/redeliver`)
    await drainWebhooks(app.payload)
    const later = String(r.received[1].headers['jobline-signature'])
    expect(later.match(/v1=/g)?.length).toBe(1)
    expect(verifySignature(later, r.received[1].raw, rotated.body.secret)).toBe(true)
    expect(verifySignature(later, r.received[1].raw, secret)).toBe(false)
    await disable(id)
  })
})

describe('deliveries', () => {
  it('every happy-path event arrives once, signed, in order, with the record and its previous status', async () => {
    const r = await receiver()
    const { id, secret } = await endpoint(r.url)
    const before = await lastEventId(app.payload)
    const path = await happyPath()
    await drainWebhooks(app.payload)
    const events = await eventsSince(app.payload, before)
    expect(events.map((e) => e.type)).toEqual([
      'quote.accepted',
      'assignment.schedule_proposed',
      'assignment.scheduled',
      'assignment.completed',
      'assignment.verified',
      'payout.approved',
    ])
    expect(r.eventIds().sort()).toEqual(events.map((e) => String(e.id)).sort())
    for (const hit of r.received) {
      expect(verifySignature(String(hit.headers['jobline-signature']), hit.raw, secret)).toBe(true)
      expect(hit.headers['content-type']).toBe('application/json')
      expect(Object.keys(hit.body).sort()).toEqual(['createdAt', 'data', 'id', 'type'])
      expect(String(hit.body.id)).toBe(hit.eventId)
      expect(hit.headers['jobline-event-type']).toBe(hit.body.type)
      expect(Number.isNaN(Date.parse(hit.body.createdAt))).toBe(false)
    }
    const byType = Object.fromEntries(r.received.map((h) => [h.body.type, h.body.data]))
    expect(byType['quote.accepted']).toMatchObject({ id: path.quoteId, status: 'accepted', previous: { status: 'pending' } })
    expect(byType['assignment.schedule_proposed']).toMatchObject({ id: path.assignmentId, status: 'pending_schedule' })
    expect(byType['assignment.schedule_proposed'].previous).toBeUndefined()
    expect(byType['assignment.completed']).toMatchObject({ id: path.assignmentId, status: 'completed', previous: { status: 'scheduled' } })
    expect(byType['assignment.verified']).toMatchObject({ status: 'verified', previous: { status: 'completed' } })
    expect(byType['payout.approved']).toMatchObject({ id: path.payoutId, status: 'approved', previous: { status: 'pending_review' } })
    // as Ops read it: fields no customer or provider sees are there
    expect(byType['payout.approved']).toHaveProperty('idempotencyKey')
    expect(byType['assignment.completed']).toHaveProperty('reminders')
    // one record's versions arrive in order
    const assignmentVersions = r.received.filter((h) => h.body.type.startsWith('assignment.')).map((h) => h.body.data.version)
    expect(assignmentVersions).toEqual([...assignmentVersions].sort((a, b) => a - b))
    expect((await deliveriesOf(id)).every((d) => d.status === 'delivered' && d.attempts === 1 && d.responseStatus === 200)).toBe(true)
    await disable(id)
  })

  it('a receiver answering 500, 500, then 200 gets the same event id three times, and it ends delivered', async () => {
    const r = await receiver()
    r.script = [500, 500]
    const { id } = await endpoint(r.url, { events: ['payout.approved'] })
    await happyPath()
    await drainWebhooks(app.payload)
    expect(r.received.length).toBe(3)
    expect(new Set(r.eventIds()).size).toBe(1)
    expect(r.received.map((h) => h.raw)).toEqual([r.received[0].raw, r.received[0].raw, r.received[0].raw])
    const [d] = await deliveriesOf(id)
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200 })
    const attempts = await rows(app.payload, sql`SELECT attempt, result, status_code FROM webhook_attempts WHERE delivery_id = ${d.id} ORDER BY attempt`)
    expect(attempts.map((a) => [a.attempt, a.result, a.status_code])).toEqual([
      [1, 'http_error', 500],
      [2, 'http_error', 500],
      [3, 'delivered', 200],
    ])
    await disable(id)
  })

  it('a later version of a record waits until the earlier one is delivered', async () => {
    const r = await receiver()
    // the first attempt (quote.accepted, the quote's version 2) fails, and so do the next two, whatever they are
    r.script = [503, 503, 503]
    const { id } = await endpoint(r.url, { events: ['assignment.scheduled', 'assignment.completed', 'assignment.verified'] })
    await happyPath()
    await drainWebhooks(app.payload)
    const delivered = r.received.filter((_, i) => i >= 3).map((h) => h.body.data.version)
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b))
    // nothing of a later version was sent while an earlier one was still failing
    const versions = r.received.map((h) => h.body.data.version)
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1])
    expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered'])
    await disable(id)
  })

  it('a disabled endpoint receives nothing, and one subscribed to some types only those', async () => {
    const off = await receiver()
    const some = await receiver()
    const { id: offId } = await endpoint(off.url)
    await disable(offId)
    const { id: someId } = await endpoint(some.url, { events: ['assignment.completed', 'payout.approved'] })
    await happyPath()
    await drainWebhooks(app.payload)
    expect(off.received.length).toBe(0)
    expect(await deliveriesOf(offId)).toEqual([])
    expect(some.received.map((h) => h.body.type)).toEqual(['assignment.completed', 'payout.approved'])
    await disable(someId)
  })

  it('receivers that hang, redirect or answer a huge body cost an attempt each and hold up no one else', async () => {
    const hang = await receiver({ hang: true })
    const redirect = await receiver({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } })
    const huge = await receiver({ hugeBody: 50 * 1024 * 1024 })
    const slow = await receiver({ status: 200, delayMs: 2000 })
    const fine = await receiver()
    const ids = {
      hang: (await endpoint(hang.url, { events: ['assignment.completed'] })).id,
      redirect: (await endpoint(redirect.url, { events: ['assignment.completed'] })).id,
      huge: (await endpoint(huge.url, { events: ['assignment.completed'] })).id,
      slow: (await endpoint(slow.url, { events: ['assignment.completed'] })).id,
      fine: (await endpoint(fine.url, { events: ['assignment.completed'] })).id,
    }
    try {
      await happyPath()
      // one round each: the four failing or flooding receivers and the fine one go out side by side
      const { dispatchWebhooks } = await import('../../src/services/webhooks/dispatch')
      const { runDueJobs } = await import('../../src/jobs/runner')
      await dispatchWebhooks(app.payload)
      await runDueJobs(app.payload, { queues: ['webhooks'], limit: 8 })
      const attempts = async (key: keyof typeof ids) =>
        rows(app.payload, sql`SELECT a.result, a.status_code, a.error FROM webhook_attempts a WHERE a.endpoint_id = ${ids[key]} ORDER BY a.id`)
      const first = async (key: keyof typeof ids) => (await attempts(key))[0]
      expect(await first('fine')).toMatchObject({ result: 'delivered', status_code: 200 })
      expect(await first('huge')).toMatchObject({ result: 'delivered', status_code: 200 })
      expect(await first('hang')).toMatchObject({ result: 'timeout', status_code: null })
      expect(await first('slow')).toMatchObject({ result: 'timeout' })
      const redirected = await first('redirect')
      expect(redirected).toMatchObject({ result: 'http_error', status_code: 302 })
      expect(String(redirected.error)).toContain('not followed')
      // the redirect was not followed anywhere: each attempt reached its receiver once (a job's budget may retry it
      // after the 40 ms backoff of this file while the hanging receiver holds the round)
      expect(redirect.received.length).toBe((await attempts('redirect')).length)
      expect((await deliveriesOf(ids.hang))[0]).toMatchObject({ status: 'pending' })
    } finally {
      for (const id of Object.values(ids)) await disable(id)
    }
  })
})

describe('failing endpoints', () => {
  it('after WEBHOOK_DISABLE_AFTER_FAILURES consecutive failures the endpoint is disabled, its deliveries end dead and Ops are alerted; enabling and "redeliver failed" sends them', async () => {
    const r = await receiver(500)
    const { id } = await endpoint(r.url, { events: ['assignment.completed', 'assignment.verified', 'payout.approved'] })
    await happyPath()
    await drainWebhooks(app.payload)
    const doc = (await ops.get(`/api/webhook-endpoints/${id}`)).body
    expect(doc).toMatchObject({ enabled: false, consecutiveFailures: 6 })
    expect(doc.disabledReason).toContain('6 consecutive failed attempts')
    expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(['dead', 'dead', 'dead'])
    const alerts = await rows(app.payload, sql`SELECT recipient_id, status, subject, body FROM reminder_logs
      WHERE kind = 'webhook_endpoint_disabled' AND channel = 'email'`)
    expect(alerts.map((a) => Number(a.recipient_id))).toEqual([world.ids.ops])
    expect(String(alerts[0].subject)).toContain(r.url)
    const receivedWhileFailing = r.received.length
    // disabled: nothing more goes out, and redelivering is refused until it is enabled again
    await happyPath()
    await drainWebhooks(app.payload)
    expect(r.received.length).toBe(receivedWhileFailing)
    expect((await ops.post(`/api/webhook-endpoints/${id}/redeliver-failed`)).status).toBe(409)
    r.fallback = 200
    const enabled = await ops.patch(`/api/webhook-endpoints/${id}`, { enabled: true })
    expect(enabled.body.doc).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null })
    const again = await ops.post(`/api/webhook-endpoints/${id}/redeliver-failed`)
    expect(again.body).toEqual({ redelivered: 3 })
    await drainWebhooks(app.payload)
    expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered'])
    await disable(id)
  })

  it('a delivery retried for WEBHOOK_RETRY_HOURS ends dead, and an endpoint that accepted nothing in that time is disabled', async () => {
    const r = await receiver(500)
    const { id } = await endpoint(r.url, { events: ['payout.approved'] })
    await happyPath()
    await drainWebhooks(app.payload, { settleMs: 0 }).catch(() => undefined)
    // a day has passed since it was queued
    await rows(app.payload, sql`UPDATE webhook_deliveries SET queued_at = now() - interval '25 hours', next_attempt_at = now() WHERE endpoint_id = ${id}`)
    await drainWebhooks(app.payload)
    const [d] = await deliveriesOf(id)
    expect(d.status).toBe('dead')
    expect(d.error).toContain('gave up: retried for 24 h')
    expect((await ops.get(`/api/webhook-endpoints/${id}`)).body).toMatchObject({ enabled: false, disabledReason: 'no delivery accepted for 24 h' })
  })

  it('redelivering one delivery sends it again with the same event id', async () => {
    const r = await receiver()
    const { id } = await endpoint(r.url, { events: ['assignment.completed'] })
    await happyPath()
    await drainWebhooks(app.payload)
    const [d] = await deliveriesOf(id)
    const res = await ops.post(`/api/webhook-deliveries/${d.id}/redeliver`)
    expect(res.status).toBe(200)
    expect(res.body.delivery).toMatchObject({ status: 'pending' })
    await drainWebhooks(app.payload)
    expect(r.eventIds()).toEqual([String(d.eventId), String(d.eventId)])
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'delivered', attempts: 2 })
    expect((await world.clients.customerA.post(`/api/webhook-deliveries/${d.id}/redeliver`)).status).toBe(403)
    expect((await ops.post('/api/webhook-deliveries/999999/redeliver')).status).toBe(404)
    await disable(id)
  })
})

describe('metrics', () => {
  it('counts attempts by result (every result from 0), their latency, and what is pending', async () => {
    const text = (await ops.get('/api/metrics')).body as string
    const samples = parsePrometheusText(text)
    const counted = await rows(app.payload, sql`SELECT result, count(*)::int AS n FROM webhook_attempts GROUP BY result`)
    const byResult = Object.fromEntries(counted.map((c) => [c.result, c.n]))
    for (const result of ['delivered', 'http_error', 'timeout', 'network_error', 'blocked']) {
      expect([result, sampleValue(samples, 'webhook_deliveries_total', { result })]).toEqual([result, byResult[result] ?? 0])
    }
    const total = counted.reduce((s, c) => s + Number(c.n), 0)
    expect(sampleValue(samples, 'webhook_delivery_seconds_count', {})).toBe(total)
    expect(sampleValue(samples, 'webhook_delivery_seconds_bucket', { le: '+Inf' })).toBe(total)
    const pending = await rows(app.payload, sql`SELECT count(*)::int AS n FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND e.enabled`)
    expect(sampleValue(samples, 'webhook_deliveries_pending', {})).toBe(pending[0].n)
    expect(sampleValue(samples, 'webhook_oldest_pending_age_seconds', {})).toBeGreaterThanOrEqual(0)
  })
})
