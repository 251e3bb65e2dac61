/**
 * Fault: a slow recipient channel — the mail server accepts one message per second — for a minute of a burst. The
 * scan keeps planning (a second burst arriving meanwhile is recorded), the heartbeat stays fresh, and no claim's
 * lease runs out under a message: a batch starts no send after a quarter of the lease and hands the rest back, so no
 * reminder is retaken or sent twice. When the channel is fast again, everything goes out.
 *
 * Long form (FAULT_FULL=1): slow for 60 s under a 30 s lease, a burst of 5,000. Short form (`npm test`): slow for 32 s
 * under a 16 s lease, a burst of 2,000 — the slow spell still lasts two leases, so a batch that kept sending past a
 * quarter of its lease would have lost its claim and been retaken; a message still waits at most about 4 s in line,
 * half the 8 s send limit; and 2,000 is still eight claim batches.
 */
import { expect, it, jest } from '@jest/globals'

import { dueVisits, faultForm, outcome, report, startBurstWorker, stopAll, stuckJobs, tally, useFaultWorld } from '../helpers/burst'
import { ApiClient } from '../helpers/client'
import { waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(600_000)

const LATE = 200
const { REMINDERS, SLOW_MS, LEASE_MS } = faultForm(
  { REMINDERS: 2000, SLOW_MS: 32_000, LEASE_MS: 16_000 },
  { REMINDERS: 5000, SLOW_MS: 60_000, LEASE_MS: 30_000 },
)

const world = useFaultWorld('slowsmtp')

it('a mail server taking one message a second: the scan goes on, no lease expires, nothing doubles', async () => {
  const { app, mail, customerId } = world()
  // four lanes, each with one message in flight: the last in line waits about 4 s, far under the send limit (half the lease)
  const worker: WorkerProcess = startBurstWorker(mail, app.databaseUri, { REMINDER_LEASE_MS: String(LEASE_MS), REMINDER_WORKER_CONCURRENCY: '4' })
  await worker.waitFor('worker.started')
  mail.acceptEveryMs = 1000
  const started = Date.now()
  await dueVisits(app.payload, customerId, 'slow', REMINDERS / 2)
  let sentSlowly = 0
  let lateRecorded = 0
  let workerHealth = ''
  try {
    await new Promise((r) => setTimeout(r, SLOW_MS / 2))
    await dueVisits(app.payload, customerId, 'late', LATE / 2)
    await new Promise((r) => setTimeout(r, SLOW_MS / 2))
    lateRecorded = (await outcome(app.payload, 'late')).total
    workerHealth = ((await new ApiClient(app.baseUrl).get('/api/health')).body as { worker?: { status?: string } }).worker?.status ?? ''
    sentSlowly = (await outcome(app.payload, 'slow')).sent
    mail.acceptEveryMs = 0
    await waitUntil(async () => (await outcome(app.payload, 'slow')).sent === REMINDERS, 300_000, 'the burst sent')
    await waitUntil(async () => (await outcome(app.payload, 'late')).sent === LATE, 120_000, 'the late burst sent')
    await waitUntil(async () => (await stuckJobs(app.payload)).length === 0, 60_000, 'no job left processing')
  } finally {
    mail.acceptEveryMs = 0
    await stopAll([worker])
  }
  const slow = await outcome(app.payload, 'slow')
  const counted = await tally(app.payload, mail, 'slow', REMINDERS)
  const handedBack = worker.events.filter((e) => e.event === 'notification.released').length
  report('slow-smtp', {
    reminders: REMINDERS,
    slowSeconds: SLOW_MS / 1000,
    sentWhileSlow: sentSlowly,
    lateBurstRecordedWhileSlow: lateRecorded,
    workerHealthWhileSlow: workerHealth,
    retaken: slow.retaken,
    handedBack,
    lost: counted.lost,
    duplicates: counted.duplicates,
    seconds: (Date.now() - started) / 1000,
  })
  expect(sentSlowly).toBeGreaterThan(SLOW_MS / 1000 / 2) // it kept sending, slowly
  expect(sentSlowly).toBeLessThan(REMINDERS / 10)
  expect(lateRecorded).toBe(LATE) // the scan went on planning
  expect(workerHealth).toBe('ok') // the heartbeat went on too
  expect(slow).toMatchObject({ total: REMINDERS, sent: REMINDERS, pending: 0, other: 0, retaken: 0 }) // no lease ran out
  expect(counted).toMatchObject({ lost: 0, duplicates: 0 })
})
