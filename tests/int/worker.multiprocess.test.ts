/**
 * Several worker processes on one database (the deployment the "known trap" is about): 4 workers over 1,000
 * due reminders send each exactly once; `kill -9` of one mid-batch and a replacement lose nothing, record nothing
 * twice and leave nothing `processing`.
 *
 * Delivery goes to a real SMTP server in this process; each message carries its reminder-log id in a header, so the
 * count of what arrived is independent of what the workers wrote to the database.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { SEND_GROUP } from '../../src/services/notifications/deliver'
import { startTestApp, type TestApp } from '../helpers/app'
import {
  deliveries as deliveriesOf,
  dueVisits as due,
  massCustomer,
  outcome as outcomeOf,
  startBurstWorker,
  stopCleanly,
  stuckJobs,
} from '../helpers/burst'
import { ApiClient } from '../helpers/client'
import { parsePrometheusText, sampleValue } from '../helpers/prometheus'
import { rows } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'
import { waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(300_000)

let app: TestApp
let mail: Mailbox
let customerId: number
const CONCURRENCY = 4
const LEASE_MS = 3000
// Small delivery batches, so that 1,000 reminders are 40 jobs and every one of the four workers gets some.
const BATCH = 25

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url } })
  customerId = await massCustomer(app.payload)
})

afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const workerEnv = {
  REMINDER_WORKER_CONCURRENCY: String(CONCURRENCY),
  REMINDER_LEASE_MS: String(LEASE_MS),
  REMINDER_BATCH_SIZE: String(BATCH),
}

const start = () => startBurstWorker(mail, app.databaseUri, workerEnv)
const dueVisits = (batch: string, visits: number) => due(app.payload, customerId, batch, visits)
const outcome = (batch: string) => outcomeOf(app.payload, batch)
const deliveries = (batch: string) => deliveriesOf(app.payload, mail, batch)
const stuck = () => stuckJobs(app.payload)

describe('four workers on one database', () => {
  it('send 1,000 due reminders exactly once each, none missing', async () => {
    await dueVisits('first', 500)
    const workers = Array.from({ length: 4 }, start)
    try {
      await Promise.all(workers.map((w) => w.waitFor('worker.started')))
      await waitUntil(async () => (await outcome('first')).sent === 1000, 180_000, '1,000 reminders sent')
    } finally {
      expect(await stopCleanly(workers)).toEqual([])
    }
    expect(await outcome('first')).toEqual({ total: 1000, sent: 1000, pending: 0, other: 0, keys: 1000, retaken: 0 })
    const arrived = await deliveries('first')
    expect(arrived.size).toBe(1000) // 0 missing
    expect([...arrived.values()].filter((n) => n > 1)).toEqual([]) // 0 twice
    // every worker took part
    const sentBy = workers.map((w) => w.events.filter((e) => e.event === 'notification.sent').length)
    expect(sentBy.every((n) => n > 0)).toBe(true)
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(1000)
    expect(await stuck()).toEqual([])
  })

  it('kill -9 of a worker mid-batch and a restart: 0 lost, 0 recorded twice, nothing left processing', async () => {
    await dueVisits('second', 500)
    const workers = Array.from({ length: 4 }, start)
    let replacement: WorkerProcess | undefined
    try {
      await Promise.all(workers.map((w) => w.waitFor('worker.started')))
      // wait until the victim is busy sending, then kill it without warning
      const victim = workers[0]
      await waitUntil(async () => victim.events.filter((e) => e.event === 'notification.sent').length >= 20, 180_000, 'the victim to be mid-batch')
      victim.child.kill('SIGKILL')
      const { signal } = await victim.exited
      expect(signal).toBe('SIGKILL')
      const sentAtKill = (await outcome('second')).sent
      expect(sentAtKill).toBeLessThan(1000) // it really was mid-batch
      replacement = start()
      await replacement.waitFor('worker.started')
      await waitUntil(async () => (await outcome('second')).sent === 1000, 180_000, 'all 1,000 reminders sent')
      await waitUntil(async () => (await stuck()).length === 0, 30_000, 'no job left processing')
    } finally {
      expect(await stopCleanly([...workers.slice(1), ...(replacement ? [replacement] : [])])).toEqual([])
    }
    const result = await outcome('second')
    expect(result).toMatchObject({ total: 1000, sent: 1000, pending: 0, other: 0, keys: 1000 })
    expect(await stuck()).toEqual([])
    expect(await rows(app.payload, sql`SELECT id FROM reminder_logs WHERE status = 'pending' OR lease_until > now()`)).toEqual([])

    const arrived = await deliveries('second')
    expect(arrived.size).toBe(1000) // 0 lost
    // A message the SMTP server accepted before the victim could record it is sent again by the worker that takes the
    // row over (attempts 2): at-least-once is the best any SMTP sender can do across a crash. Only such rows may have
    // arrived twice, at most one send group per lane the victim had — and the log records each once.
    const twice = [...arrived.entries()].filter(([, n]) => n > 1).map(([id]) => Number(id))
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY * SEND_GROUP)
    if (twice.length) {
      const retaken = await rows(app.payload, sql`SELECT id FROM reminder_logs WHERE id = ANY(${sql.param(twice)}::int[]) AND attempts > 1`)
      expect(retaken).toHaveLength(twice.length)
    }
    expect(result.retaken).toBeLessThanOrEqual(CONCURRENCY * SEND_GROUP)
  })
})

describe('metrics across processes', () => {
  it('the web process counts what the workers sent, straight from the database', async () => {
    const res = await new ApiClient(app.baseUrl).get('/api/metrics')
    const families = parsePrometheusText(res.body as string)
    const [db] = await rows(app.payload, sql`SELECT count(*)::int AS n FROM reminder_logs WHERE status = 'sent' AND kind = 'visit_reminder'`)
    expect(db.n).toBeGreaterThanOrEqual(2000)
    expect(sampleValue(families, 'reminder_sent_total', { kind: 'visit_reminder', channel: 'email' })).toBe(db.n)
  })
})
