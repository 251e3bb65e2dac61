/**
 * The worker as a process and as the health check sees it: heartbeat, 503 when it goes quiet, graceful SIGTERM,
 * REMINDER_WORKER_ENABLED=false, bad configuration failing at boot, and jobs a dead worker left `processing`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { WORKER_QUEUES } from '../../src/jobs/queues'
import { runDueJobs } from '../../src/jobs/runner'
import { createDatabase, startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { bookVisit, carriesAnyLog, drain, logsOf, roundedFromNow, rows, scan } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'
import { spawnWorker, waitUntil } from '../helpers/workerProcess'

let app: TestApp
let mail: Mailbox
let world: World
const POLL_MS = 1000

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({
    env: {
      SMTP_URL: mail.url,
      REMINDER_POLL_INTERVAL_MS: String(POLL_MS),
      REMINDER_QUIET_HOURS: 'off',
      REMINDER_LEAD_MINUTES: '180',
      REMINDER_LEASE_MS: '2000',
    },
  })
  world = await seedWorld(app.payload, app.baseUrl)
})

afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const health = (query = '') => new ApiClient(app.baseUrl).get(`/api/health${query}`)
const workerEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URI: app.databaseUri,
  SMTP_URL: mail.url,
  REMINDER_POLL_INTERVAL_MS: String(POLL_MS),
  REMINDER_QUIET_HOURS: 'off',
  REMINDER_LEAD_MINUTES: '180',
  ...extra,
})

describe('GET /api/health and the heartbeat', () => {
  it('is 200 with no worker ever seen, and reports the queue and the oldest due reminder', async () => {
    const res = await health()
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', worker: { status: 'never_seen', heartbeatAgeSeconds: null } })
    expect(typeof res.body.queueDepth).toBe('number')
    expect(typeof res.body.oldestDueReminderAgeSeconds).toBe('number')
  })

  it('is 200 while a heartbeat is fresh and 503 once it is older than 3 × the poll interval', async () => {
    await rows(app.payload, sql`INSERT INTO worker_heartbeats (worker_id, host, pid, beat_at) VALUES ('test:fresh', 'test', 1, now())`)
    const fresh = await health()
    expect(fresh.status).toBe(200)
    expect(fresh.body.worker).toMatchObject({ status: 'ok', workersAlive: 1, staleAfterSeconds: 3 })
    expect(fresh.body.worker.heartbeatAgeSeconds).toBeLessThan(3)

    await rows(app.payload, sql`UPDATE worker_heartbeats SET beat_at = now() - interval '10 seconds'`)
    const stale = await health()
    expect(stale.status).toBe(503)
    expect(stale.body).toMatchObject({ status: 'unavailable', database: 'up', worker: { status: 'stale', workersAlive: 0 } })
    expect(stale.body.error).toMatch(/No worker heartbeat for 10 s/)
    // a load balancer asks about the web only
    expect((await health('?scope=web')).status).toBe(200)

    // the oldest due reminder's age is how late reminders are running
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider1,
      start: roundedFromNow(150),
    })
    await scan(app.payload)
    const late = await health()
    expect(late.body.oldestDueReminderAgeSeconds).toBeGreaterThan(25 * 60) // due at start − 180 min, 30+ min ago
    expect(late.body.queueDepth).toBeGreaterThanOrEqual(1) // one batch job carries both reminders
    await drain(app.payload)
    expect((await logsOf(app.payload, assignmentId)).every((l) => l.status === 'sent')).toBe(true)
    await rows(app.payload, sql`DELETE FROM worker_heartbeats`)
  })
})

describe('npm run worker', () => {
  it('sends due reminders, beats, and stops gracefully on SIGTERM', async () => {
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerB,
      providerId: world.ids.provider2,
      start: roundedFromNow(160),
      title: 'Worker process visit',
    })
    const worker = spawnWorker(workerEnv())
    try {
      const started = await worker.waitFor('worker.started')
      expect(started).toMatchObject({ pid: worker.pid, queues: ['default'] })
      await waitUntil(
        async () => (await logsOf(app.payload, assignmentId)).filter((l) => l.status === 'sent').length === 2,
        60_000,
        'the reminders',
      )
      expect(mail.messages.filter((m) => m.subject.includes('Worker process visit'))).toHaveLength(2)
      const res = await health()
      expect(res.status).toBe(200)
      expect(res.body.worker).toMatchObject({ status: 'ok', workersAlive: 1 })
      expect(worker.events.some((e) => e.event === 'notification.sent')).toBe(true)
    } finally {
      worker.child.kill('SIGTERM')
    }
    const { code } = await worker.exited
    expect(code).toBe(0)
    expect(worker.events.map((e) => e.event)).toEqual(expect.arrayContaining(['worker.shutting_down', 'worker.stopped']))
    const [beat] = await rows(app.payload, sql`SELECT stats FROM worker_heartbeats WHERE pid = ${worker.pid}`)
    expect((beat.stats as { stoppedAt?: string }).stoppedAt).toBeDefined()
    // the worker is gone: once its heartbeat ages past 3 poll intervals, health says so
    await rows(app.payload, sql`UPDATE worker_heartbeats SET beat_at = now() - interval '1 minute'`)
    expect((await health()).status).toBe(503)
    await rows(app.payload, sql`DELETE FROM worker_heartbeats`)
  })

  it('with REMINDER_WORKER_ENABLED=false says so at boot and does nothing', async () => {
    const worker = spawnWorker(workerEnv({ REMINDER_WORKER_ENABLED: 'false' }))
    try {
      const disabled = await worker.waitFor('worker.disabled')
      expect(String(disabled.message)).toContain('REMINDER_WORKER_ENABLED=false')
      await new Promise((r) => setTimeout(r, 2 * POLL_MS))
      expect(await rows(app.payload, sql`SELECT * FROM worker_heartbeats`)).toEqual([])
    } finally {
      worker.child.kill('SIGTERM')
    }
    expect((await worker.exited).code).toBe(0)
  })

  it('stopped while it boots (here: waiting for migrations), it exits cleanly and starts nothing', async () => {
    // an empty database: the worker waits for the web app to migrate it, its stop handlers already in place
    const worker = spawnWorker(workerEnv({ DATABASE_URI: await createDatabase() }))
    await worker.waitFor('worker.waiting_for_database')
    worker.child.kill('SIGTERM')
    expect(await worker.exited).toEqual({ code: 0, signal: null })
    expect(worker.events.map((e) => e.event)).toContain('worker.shutting_down')
    expect(worker.events.map((e) => e.event)).not.toContain('worker.started')
  })

  it('refuses a bad setting at boot, naming the variable', async () => {
    const worker = spawnWorker(workerEnv({ REMINDER_LEAD_MINUTES: '1440,soon', REMINDER_WORKER_CONCURRENCY: '0' }))
    const { code } = await worker.exited
    expect(code).toBe(78)
    expect(worker.output()).toContain('REMINDER_LEAD_MINUTES must be a comma-separated list')
    expect(worker.output()).toContain('REMINDER_WORKER_CONCURRENCY must be a whole number')
  })
})

describe('jobs a dead worker left behind', () => {
  it('are swept back after the lease and run again, sending once', async () => {
    // whatever the seed or earlier tests left due (the seed's overdue alert, say) runs first: the queue then holds
    // only this visit's job, so "nothing ran" below is about it
    await scan(app.payload)
    await drain(app.payload)
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider2,
      start: roundedFromNow(170),
      title: 'Swept visit',
    })
    await scan(app.payload)
    // A worker claimed the jobs and the reminder rows, then died: processing, leased, nothing sent.
    const logIds = (await logsOf(app.payload, assignmentId)).map((l) => l.id)
    await rows(app.payload, sql`UPDATE reminder_logs SET claimed_by = 'dead:1:x', lease_until = now() + interval '1 second'
      WHERE id = ANY(${sql.param(logIds)}::int[])`)
    const taken = await rows(app.payload, sql`UPDATE payload_jobs SET processing = true WHERE ${carriesAnyLog(logIds)} RETURNING id`)
    expect(taken).toHaveLength(1) // one batch job carries both reminders
    expect(await runDueJobs(app.payload, { queues: WORKER_QUEUES, limit: 10 })).toBe(0) // the jobs look taken
    expect((await logsOf(app.payload, assignmentId)).map((l) => l.status)).toEqual(['pending', 'pending'])

    await rows(app.payload, sql`UPDATE payload_jobs SET updated_at = now() - interval '3 seconds' WHERE processing`)
    await new Promise((r) => setTimeout(r, 1100)) // the dead worker's lease on the rows runs out
    const result = await scan(app.payload)
    expect(result.swept).toBe(taken.length)
    await drain(app.payload)
    expect((await logsOf(app.payload, assignmentId)).map((l) => l.status)).toEqual(['sent', 'sent'])
    expect(mail.messages.filter((m) => m.subject.includes('Swept visit'))).toHaveLength(2)
    expect(await rows(app.payload, sql`SELECT id FROM payload_jobs WHERE processing`)).toEqual([])
  })
})
