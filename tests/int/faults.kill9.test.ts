/**
 * Fault: `kill -9` of one of several workers in the middle of a burst, three times in a row. Nothing may be lost; the
 * rows a dead worker held are retaken after the lease; messages it had sent but not yet recorded go out again, at most
 * one send group per lane of each victim (the documented bound, docs/performance.md).
 *
 * Long form (FAULT_FULL=1): a burst of 6,000. Short form (`npm test`): 3,000 — twelve claim batches of 250, as many as
 * three workers' twelve lanes hold at once, so each kill still takes claimed batches with them mid-send (the test
 * checks every kill came before the burst was out), and the 5 s lease still has to run out before a survivor retakes.
 */
import { expect, it, jest } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { SEND_GROUP } from '../../src/services/notifications/deliver'
import { dueVisits, faultForm, outcome, report, startBurstWorker, stopAll, stuckJobs, tally, useFaultWorld } from '../helpers/burst'
import { rows } from '../helpers/reminders'
import { waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(600_000)

const WORKERS = 3
const CONCURRENCY = 4
const KILLS = 3
const REMINDERS = faultForm(3000, 6000)

const world = useFaultWorld('kill9')

const sentBy = (w: WorkerProcess) => w.events.filter((e) => e.event === 'notification.sent').length

it(`kill -9 of a busy worker ${KILLS} times during a burst of ${REMINDERS}: 0 lost, duplicates within one send group per lane`, async () => {
  const { app, mail, customerId } = world()
  const env = { REMINDER_WORKER_CONCURRENCY: String(CONCURRENCY), REMINDER_LEASE_MS: '5000' }
  const start = () => startBurstWorker(mail, app.databaseUri, env)
  const all: WorkerProcess[] = Array.from({ length: WORKERS }, start)
  await Promise.all(all.map((w) => w.waitFor('worker.started')))
  const started = Date.now()
  await dueVisits(app.payload, customerId, 'kill9', REMINDERS / 2)
  const killedAt: number[] = []
  try {
    for (let k = 1; k <= KILLS; k++) {
      // wait until the burst is a quarter further on, then kill the live worker that has sent the most: it is mid-batch
      await waitUntil(async () => (await outcome(app.payload, 'kill9')).sent >= (k * REMINDERS) / (KILLS + 1), 240_000, `kill ${k}`)
      const live = all.filter((w) => w.child.exitCode === null && w.child.signalCode === null)
      const victim = live.reduce((a, b) => (sentBy(b) > sentBy(a) ? b : a))
      victim.child.kill('SIGKILL')
      expect((await victim.exited).signal).toBe('SIGKILL')
      killedAt.push((await outcome(app.payload, 'kill9')).sent)
      all.push(start()) // a supervisor would restart it
    }
    await waitUntil(async () => (await outcome(app.payload, 'kill9')).sent === REMINDERS, 300_000, 'every reminder sent')
    await waitUntil(async () => (await stuckJobs(app.payload)).length === 0, 60_000, 'no job left processing')
  } finally {
    await stopAll(all)
  }
  const seconds = (Date.now() - started) / 1000
  const result = await outcome(app.payload, 'kill9')
  const counted = await tally(app.payload, mail, 'kill9', REMINDERS)
  const bound = KILLS * CONCURRENCY * SEND_GROUP
  report('kill9', { reminders: REMINDERS, kills: KILLS, sentAtKills: killedAt, lost: counted.lost, duplicates: counted.duplicates, bound, retaken: result.retaken, seconds })

  expect(killedAt.every((n) => n < REMINDERS)).toBe(true) // every kill came mid-burst
  expect(result).toMatchObject({ total: REMINDERS, sent: REMINDERS, pending: 0, other: 0, keys: REMINDERS })
  expect(counted.lost).toBe(0)
  expect(counted.duplicates).toBeLessThanOrEqual(bound)
  // only rows a survivor took over after the lease can have gone out twice
  if (counted.twice.length) {
    const retaken = await rows(app.payload, sql`SELECT id FROM reminder_logs WHERE id = ANY(${sql.param(counted.twice)}::int[]) AND attempts > 1`)
    expect(retaken).toHaveLength(counted.twice.length)
  }
  expect(await rows(app.payload, sql`SELECT id FROM reminder_logs WHERE status = 'pending' OR lease_until > now()`)).toEqual([])
})
