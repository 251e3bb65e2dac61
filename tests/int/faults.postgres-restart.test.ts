/**
 * Fault: the database stops in the middle of a burst and starts again 15 s later (the embedded server's stop and start:
 * a fast shutdown that ends every connection). The workers and the web app reconnect by themselves; `/api/health`
 * answers `database: down` meanwhile and recovers; nothing is lost. Nothing is sent twice either: a lane that has
 * sent a group keeps trying to record it while its claim lasts (0.9 × REMINDER_LEASE_MS), so only an
 * outage longer than that could double a message — one group per lane at most, the kill -9 bound.
 *
 * Long form (FAULT_FULL=1): stopped 15 s under a 60 s lease, a burst of 6,000. Short form (`npm test`): stopped 8 s
 * under a 24 s lease, a burst of 2,000 — the outage is still well inside 0.9 × the lease from the moment the batches in
 * flight were claimed (what lets a lane record what it sent instead of sending it again), the health check still
 * answers while it lasts, and 2,000 is still eight claim batches of 250 and eighty send groups over two workers of four
 * lanes, so the stop still lands on claimed, half-sent batches. A job whose bookkeeping failed in the outage waits for
 * the lease before the scan frees it: the shorter lease is most of the time the short form saves.
 */
import { expect, it, jest } from '@jest/globals'

import { SEND_GROUP } from '../../src/services/notifications/deliver'
import { dueVisits, eventually, faultForm, outcome, report, startBurstWorker, stopAll, stuckJobs, tally, useFaultWorld } from '../helpers/burst'
import { ApiClient } from '../helpers/client'
import { waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(600_000)

const WORKERS = 2
const CONCURRENCY = 4
const REMINDERS = faultForm(2000, 6000)
const { OUTAGE_MS, LEASE_MS } = faultForm({ OUTAGE_MS: 8_000, LEASE_MS: 24_000 }, { OUTAGE_MS: 15_000, LEASE_MS: 60_000 })

const world = useFaultWorld('pgrestart')

it(`Postgres stopped for ${OUTAGE_MS / 1000} s mid-burst of ${REMINDERS}: health says down, then everyone reconnects and nothing is lost`, async () => {
  const { app, mail, db, customerId } = world()
  const health = async () => {
    const res = await new ApiClient(app.baseUrl).get('/api/health?scope=web')
    return { status: res.status, database: (res.body as { database?: string }).database }
  }
  const env = { REMINDER_WORKER_CONCURRENCY: String(CONCURRENCY), REMINDER_LEASE_MS: String(LEASE_MS) }
  const workers: WorkerProcess[] = Array.from({ length: WORKERS }, () => startBurstWorker(mail, app.databaseUri, env))
  await Promise.all(workers.map((w) => w.waitFor('worker.started')))
  expect(await health()).toEqual({ status: 200, database: 'up' })
  const started = Date.now()
  await dueVisits(app.payload, customerId, 'pgrestart', REMINDERS / 2)
  let sentAtStop = 0
  let duringOutage: Awaited<ReturnType<typeof health>>
  let recoveredMs = 0
  try {
    await waitUntil(async () => (sentAtStop = (await outcome(app.payload, 'pgrestart')).sent) >= REMINDERS / 4, 240_000, 'a quarter sent')
    await db.stop()
    const stoppedAt = Date.now()
    duringOutage = await health()
    await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)))
    await db.start()
    await eventually(async () => (await health()).status === 200, 60_000, 'health to recover')
    recoveredMs = Date.now() - stoppedAt
    await eventually(async () => (await outcome(app.payload, 'pgrestart')).sent === REMINDERS, 300_000, 'every reminder sent')
    await eventually(async () => (await stuckJobs(app.payload)).length === 0, 60_000, 'no job left processing')
  } finally {
    // no worker needed a restart: every one is still the process it was
    const exitedEarly = workers.map((w) => (w.child.exitCode === null ? null : `exit ${w.child.exitCode}: ${w.output().slice(-3000)}`))
    await stopAll(workers)
    expect(exitedEarly).toEqual(workers.map(() => null)) // else: how it ended, from its own output
  }
  const result = await outcome(app.payload, 'pgrestart')
  const counted = await tally(app.payload, mail, 'pgrestart', REMINDERS)
  const bound = WORKERS * CONCURRENCY * SEND_GROUP
  const count = (event: string) => workers.reduce((n, w) => n + w.events.filter((e) => e.event === event).length, 0)
  report('postgres-restart', {
    reminders: REMINDERS,
    sentAtStop,
    outageSeconds: OUTAGE_MS / 1000,
    healthRecoveredAfterSeconds: recoveredMs / 1000,
    lost: counted.lost,
    duplicates: counted.duplicates,
    boundIfLongerThanTheClaims: bound,
    retaken: result.retaken,
    workerConnectionsLost: count('db.connection_lost'),
    recordsWaitedOut: count('notification.record_waiting'),
    seconds: (Date.now() - started) / 1000,
  })
  expect(duringOutage!).toEqual({ status: 503, database: 'down' })
  expect(sentAtStop).toBeLessThan(REMINDERS) // it stopped mid-burst
  expect(result).toMatchObject({ total: REMINDERS, sent: REMINDERS, pending: 0, other: 0, keys: REMINDERS })
  expect(counted.lost).toBe(0)
  expect(counted.duplicates).toBe(0) // the outage was shorter than the claims: every sent group was recorded
})
