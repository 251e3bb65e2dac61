/**
 * Webhooks through real worker processes (`src/jobs/worker.ts`, what `npm run worker` starts): a worker killed with
 * SIGKILL while a receiver holds one of its requests loses nothing — after the lease another worker takes the
 * delivery over and it ends delivered; what arrived twice arrived with the same event id.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { rows } from '../helpers/reminders'
import { eventsSince, lastEventId, walkHappyPath } from '../helpers/webhooks'
import { startReceiver, type Receiver } from '../helpers/webhookReceiver'
import { spawnWorker, waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(300_000)

let app: TestApp
let world: World
let receiver: Receiver
const workers: WorkerProcess[] = []
const LEASE_MS = 4000

beforeAll(async () => {
  receiver = await startReceiver()
  app = await startTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true', REMINDER_WORKER_ENABLED: 'false' } })
  world = await seedWorld(app.payload, app.baseUrl)
})

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM')
  await Promise.all(workers.map((w) => w.exited))
  await receiver?.close()
  await app?.close()
})

const start = () => {
  const w = spawnWorker({
    DATABASE_URI: app.databaseUri,
    SMTP_URL: '',
    REMINDER_WORKER_ENABLED: 'true',
    REMINDER_POLL_INTERVAL_MS: '1000',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOK_LEASE_MS: String(LEASE_MS),
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_POLL_INTERVAL_MS: '200',
    WEBHOOK_RETRY_BASE_MS: '100',
  })
  workers.push(w)
  return w
}

describe('a worker killed mid-delivery', () => {
  it('loses nothing: after the lease the delivery completes, and a duplicate carries the same event id', async () => {
    const ops = world.clients.ops
    const created = await ops.post('/api/webhook-endpoints', { url: receiver.url, events: ['*'] })
    expect(created.status).toBe(201)
    const endpointId = created.body.doc.id
    // the first request that arrives is held open: the worker is killed while it waits for the answer
    receiver.script = [{ hang: true }]
    const before = await lastEventId(app.payload)
    await walkHappyPath(app.payload, { customer: world.clients.customerA, provider: world.clients.provider1, ops })
    const events = await eventsSince(app.payload, before)
    expect(events.length).toBe(6)

    const first = start()
    await waitUntil(async () => receiver.received.length > 0, 120_000, 'the first delivery to reach the receiver')
    first.child.kill('SIGKILL')
    const exit = await first.exited
    expect(exit.signal).toBe('SIGKILL')
    const held = receiver.received[0].eventId
    const [claim] = await rows(app.payload, sql`SELECT status, claimed_by, lease_until > now() AS leased FROM webhook_deliveries
      WHERE endpoint_id = ${endpointId} AND event_id = ${Number(held)}`)
    expect(claim).toMatchObject({ status: 'pending', leased: true }) // the dead worker's claim, until its lease ends

    const second = start()
    await waitUntil(
      async () => (await rows(app.payload, sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpointId} AND status = 'delivered'`))[0].n === 6,
      120_000,
      'every delivery delivered by the second worker',
    )
    second.child.kill('SIGTERM')
    await second.exited

    const ids = events.map((e) => String(e.id))
    const received = receiver.eventIds()
    expect([...new Set(received)].sort()).toEqual([...ids].sort()) // every event arrived, nothing else did
    expect(received.filter((id) => id === held).length).toBeGreaterThanOrEqual(2) // the held one again, same id
    const [taken] = await rows(app.payload, sql`SELECT attempts, claimed_by FROM webhook_deliveries WHERE endpoint_id = ${endpointId} AND event_id = ${Number(held)}`)
    expect(Number(taken.attempts)).toBeGreaterThanOrEqual(2)
    expect(String(taken.claimed_by)).toContain(`:${second.pid}:`)
    // the same bytes each time: receivers dedupe by the id
    const bodies = receiver.received.filter((r) => r.eventId === held).map((r) => r.raw)
    expect(new Set(bodies).size).toBe(1)
    const stuck = await rows(app.payload, sql`SELECT count(*)::int AS n FROM payload_jobs WHERE queue = 'webhooks' AND completed_at IS NULL AND processing`)
    expect(stuck[0].n).toBe(0)
  })
})
