/**
 * Webhooks where private receivers are not allowed (WEBHOOKS_ALLOW_PRIVATE unset, as in production): URLs of
 * loopback, private, link-local and metadata addresses are refused on save with a 400 naming `url`, and an endpoint
 * that points at one anyway (saved while its name resolved elsewhere: DNS rebinding) is refused at send time — the
 * receiver on 127.0.0.1 never gets a connection. Only literal addresses and `localhost` are used: nothing here
 * resolves a name through DNS or sends a packet off this machine.
 */
import dns from 'node:dns'
import { hostname } from 'node:os'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { encryptSecret, newSecret } from '../../src/services/webhooks/secrets'
import { postWebhook } from '../../src/services/webhooks/send'
import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { rows } from '../helpers/reminders'
import { drainWebhooks, walkHappyPath } from '../helpers/webhooks'
import { startReceiver, type Receiver } from '../helpers/webhookReceiver'

let app: TestApp
let world: World
let receiver: Receiver

beforeAll(async () => {
  receiver = await startReceiver()
  app = await startTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'false', WEBHOOK_RETRY_BASE_MS: '40', WEBHOOK_DISABLE_AFTER_FAILURES: '50' } })
  world = await seedWorld(app.payload, app.baseUrl)
})

afterAll(async () => {
  await receiver?.close()
  await app?.close()
})

describe('private receivers refused', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://api.localhost/hook',
    'http://10.0.0.8/hook',
    'http://172.20.1.1/hook',
    'http://192.168.1.20/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:8080/hook',
    'http://[fd00:ec2::254]/',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('on save: %s is a 400 naming url', async (url) => {
    const res = await world.clients.ops.post('/api/webhook-endpoints', { url, events: ['*'] })
    expect([res.status, errorField(res.body)]).toEqual([400, 'url'])
    const patch = await world.clients.ops.post('/api/webhook-endpoints', { url: 'https://93.184.215.14/hook', events: ['*'], enabled: false })
    expect(patch.status).toBe(201)
    const moved = await world.clients.ops.patch(`/api/webhook-endpoints/${patch.body.doc.id}`, { url })
    expect([moved.status, errorField(moved.body)]).toEqual([400, 'url'])
  })

  it('at send time: an endpoint whose host is (now) loopback gets no connection; the attempt is recorded `blocked`', async () => {
    // as if saved while the name pointed somewhere public: the row is written directly, past the save-time check
    const [endpoint] = await rows(app.payload, sql`INSERT INTO webhook_endpoints (url, enabled, consecutive_failures)
      VALUES (${receiver.url}, true, 0) RETURNING id`)
    await rows(app.payload, sql`INSERT INTO webhook_endpoints_events ("order", parent_id, value) VALUES (1, ${endpoint.id}, '*')`)
    await rows(app.payload, sql`INSERT INTO webhook_secrets (endpoint_id, ciphertext) VALUES (${endpoint.id}, ${encryptSecret(newSecret())})`)
    await walkHappyPath(app.payload, { customer: world.clients.customerA, provider: world.clients.provider1, ops: world.clients.ops })
    await drainWebhooks(app.payload, { settleMs: 0 })
    expect(receiver.received).toEqual([])
    const attempts = await rows(app.payload, sql`SELECT result, status_code, error FROM webhook_attempts WHERE endpoint_id = ${endpoint.id}`)
    expect(attempts.length).toBeGreaterThan(0)
    for (const a of attempts) {
      expect(a).toMatchObject({ result: 'blocked', status_code: null })
      expect(String(a.error)).toMatch(/loopback|public addresses only/)
    }
    const pending = await rows(app.payload, sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id} AND status = 'pending'`)
    expect(pending[0].n).toBeGreaterThan(0) // retried later (and, if it stays so, disabled by the usual rules)
  })

  it('at send time: a plain host name that resolves to loopback is refused after resolving it, before connecting', async () => {
    // this machine's own name, from /etc/hosts (no DNS server asked): a name the URL rules cannot tell is local
    const name = hostname()
    const resolved = await dns.promises.lookup(name, { all: true }).catch(() => [])
    if (!resolved.length || !resolved.every((a) => a.address.startsWith('127.') || a.address === '::1')) return // a machine whose name is not loopback
    const url = receiver.url.replace('127.0.0.1', name)
    const before = receiver.received.length
    const attempt = await postWebhook(url, '{}', {}, { timeoutMs: 2000, allowPrivate: false })
    expect(attempt).toMatchObject({ result: 'blocked', status: null })
    expect(attempt.error).toContain(`${name} resolves to 127.`)
    expect(receiver.received.length).toBe(before)
    // and the same name with private receivers allowed connects
    expect(await postWebhook(url, '{}', {}, { timeoutMs: 2000, allowPrivate: true })).toMatchObject({ result: 'delivered', status: 200 })
  })
})
