/**
 * Fault: the mail server is down in the middle of a burst (connections refused), then back. Sends fail and are retried
 * with backoff; all go out once it returns; none ends `failed` while it had attempts left; and
 * `reminder_oldest_pending_age_seconds` shows the delay while it lasts.
 *
 * Long form (FAULT_FULL=1): 2 minutes down in a burst of 6,000, retries from REMINDER_RETRY_BASE_MS=1000 with
 * REMINDER_MAX_ATTEMPTS=10 (attempts 1 s, 2 s, … 256 s apart: about 8½ minutes of outage ridden out). Short form
 * (`npm test`): 20 s down in a burst of 2,000, the backoff base scaled by the same factor (1/6, 167 ms), so a reminder
 * makes the same number of attempts across the outage and has the same share of its attempts left when the server
 * returns; 2,000 is still eight claim batches of 250 and eighty send groups, spread over two workers. The defaults
 * (5 attempts from 2 s) give up after about 30 s: the runbook says so and what to set.
 */
import { expect, it, jest } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { SMTP_POOL_CONNECTIONS } from '../../src/services/notifications/channels/smtpTransport'
import { dueVisits, faultForm, outcome, report, startBurstWorker, stopAll, stuckJobs, tally, useFaultWorld } from '../helpers/burst'
import { ApiClient } from '../helpers/client'
import { parsePrometheusText, sampleValue } from '../helpers/prometheus'
import { rows } from '../helpers/reminders'
import { waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(900_000)

const WORKERS = 2
const MAX_ATTEMPTS = 10
const { REMINDERS, OUTAGE_MS } = faultForm({ REMINDERS: 2000, OUTAGE_MS: 20_000 }, { REMINDERS: 6000, OUTAGE_MS: 120_000 })
/** 1 s for a 2-minute outage: the backoff scales with the outage. */
const RETRY_BASE_MS = Math.round((1000 * OUTAGE_MS) / 120_000)

const world = useFaultWorld('smtpoutage')

it(`the mail server down for ${OUTAGE_MS / 1000} s mid-burst of ${REMINDERS}: retried with backoff, all sent after it returns, none failed`, async () => {
  const { app, mail, customerId } = world()
  const pendingAge = async () =>
    sampleValue(parsePrometheusText((await new ApiClient(app.baseUrl).get('/api/metrics')).body as string), 'reminder_oldest_pending_age_seconds')
  const env = { REMINDER_MAX_ATTEMPTS: String(MAX_ATTEMPTS), REMINDER_RETRY_BASE_MS: String(RETRY_BASE_MS) }
  const workers: WorkerProcess[] = Array.from({ length: WORKERS }, () => startBurstWorker(mail, app.databaseUri, env))
  await Promise.all(workers.map((w) => w.waitFor('worker.started')))
  const started = Date.now()
  await dueVisits(app.payload, customerId, 'smtpoutage', REMINDERS / 2)
  let sentAtDown = 0
  let ageAtDown = 0
  let ageAtUp = 0
  let backAfterMs = 0
  try {
    await waitUntil(async () => (sentAtDown = (await outcome(app.payload, 'smtpoutage')).sent) >= REMINDERS / 4, 240_000, 'a quarter sent')
    await mail.down()
    const downAt = Date.now()
    // once sends have failed, the oldest pending reminder is one that waits out its backoff
    await waitUntil(async () => (await outcome(app.payload, 'smtpoutage')).retaken > 0, 60_000, 'failed sends to be retried')
    ageAtDown = await pendingAge()
    await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - downAt)))
    ageAtUp = await pendingAge()
    await mail.up()
    await waitUntil(async () => (await outcome(app.payload, 'smtpoutage')).sent === REMINDERS, 600_000, 'every reminder sent')
    backAfterMs = Date.now() - downAt - OUTAGE_MS
    await waitUntil(async () => (await stuckJobs(app.payload)).length === 0, 60_000, 'no job left processing')
  } finally {
    await stopAll(workers)
  }
  const result = await outcome(app.payload, 'smtpoutage')
  const counted = await tally(app.payload, mail, 'smtpoutage', REMINDERS)
  const [attempts] = await rows(
    app.payload,
    sql`SELECT max(attempts)::int AS most, count(*) FILTER (WHERE attempts > 1)::int AS retried FROM reminder_logs WHERE kind = 'visit_reminder'`,
  )
  const failures = workers.reduce((n, w) => n + w.events.filter((e) => e.event === 'notification.retry').length, 0)
  report('smtp-outage', {
    reminders: REMINDERS,
    sentAtDown,
    outageSeconds: OUTAGE_MS / 1000,
    allSentSecondsAfterReturn: backAfterMs / 1000,
    retried: attempts.retried,
    mostAttempts: attempts.most,
    retriesLogged: failures,
    oldestPendingAgeAtDown: Math.round(ageAtDown),
    oldestPendingAgeAtUp: Math.round(ageAtUp),
    lost: counted.lost,
    duplicates: counted.duplicates,
    seconds: (Date.now() - started) / 1000,
  })
  expect(result).toMatchObject({ total: REMINDERS, sent: REMINDERS, pending: 0, other: 0 }) // none failed
  expect(attempts.most).toBeLessThan(MAX_ATTEMPTS)
  expect(counted.lost).toBe(0)
  // A refused connection sends nothing. Only a message in flight when the server dropped its connections can double
  // (accepted, but the reply not read): at most one per pooled connection of each worker.
  expect(counted.duplicates).toBeLessThanOrEqual(WORKERS * SMTP_POOL_CONNECTIONS)
  // the gauge grew with the outage (nothing was sent meanwhile, so the oldest pending reminder stayed the same)
  expect(ageAtUp - ageAtDown).toBeGreaterThan((OUTAGE_MS / 1000) * 0.6)
})
