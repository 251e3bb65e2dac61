/**
 * The guardrails around sending: quiet hours in the recipient's time zone defer (never drop), the daily cap per job
 * and recipient holds under a flood of triggers and concurrent senders, and an SMTP outage ends in retries, then
 * `failed` with the error, counted in reminder_failed_total.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { parsePrometheusText, sampleValue } from '../helpers/prometheus'
import { bookVisit, carriesLog, DAY, drain, HOUR, logsOf, MINUTE, roundedFromNow, rows, scan, zoneWhereHour } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let app: TestApp
let mail: Mailbox
let world: World

const day = (h: number) => h >= 9 && h < 19
const night = (h: number) => h >= 23 || h < 5

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({
    env: {
      SMTP_URL: mail.url,
      REMINDER_QUIET_HOURS: '21-8',
      REMINDER_MAX_PER_JOB_PER_DAY: '3',
      REMINDER_MAX_ATTEMPTS: '3',
      REMINDER_RETRY_BASE_MS: '100',
      REMINDER_LEAD_MINUTES: '1440,180',
      REMINDER_OVERDUE_MINUTES: '100000', // no Ops alerts in this file's mailbox
    },
  })
  world = await seedWorld(app.payload, app.baseUrl)
  await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour(day)}`)
})

afterAll(async () => {
  await app?.close()
  await mail?.close()
})

/** An assignment the provider marked complete two days ago: its verification nudge to the customer is due. */
async function completedJob(customerId: number, providerId: number, title: string) {
  const made = await bookVisit(app.payload, {
    customerId,
    providerId,
    start: new Date(Date.now() - 3 * DAY + Math.random() * HOUR),
    bookedAt: new Date(Date.now() - 5 * DAY),
    title,
  })
  await rows(app.payload, sql`UPDATE assignments SET status = 'completed', timestamps_provider_completed_at = now() - interval '2 days'
    WHERE id = ${made.assignmentId}`)
  return made
}

/** The next 08:00 on the wall clock of a fixed-offset Etc/GMT zone. */
function nextEightAm(zone: string, now = new Date()) {
  const offsetHours = zone === 'Etc/GMT' ? 0 : -Number(zone.slice('Etc/GMT'.length)) // Etc/GMT-5 is UTC+5
  const local = new Date(now.getTime() + offsetHours * HOUR)
  const eight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 8)
  const next = eight > local.getTime() ? eight : eight + DAY
  return new Date(next - offsetHours * HOUR)
}

describe('quiet hours', () => {
  it('defer a reminder to the end of the recipient’s night (spread, not dropped); the other side gets theirs now', async () => {
    const nightZone = zoneWhereHour(night)
    await rows(app.payload, sql`UPDATE users SET time_zone = ${nightZone} WHERE id = ${world.ids.customerB}`)
    try {
      const { assignmentId } = await completedJob(world.ids.customerB, world.ids.provider2, 'Lay the hallway carpet')
      await scan(app.payload)
      await drain(app.payload)
      const [log] = await logsOf(app.payload, assignmentId, 'verification_nudge')
      expect(log).toMatchObject({ status: 'pending', reason: 'quiet_hours', claimed_by: null, lease_until: null })
      const until = new Date(log.next_attempt_at!)
      const eight = nextEightAm(nightZone)
      expect(until.getTime()).toBeGreaterThanOrEqual(eight.getTime())
      expect(until.getTime()).toBeLessThan(eight.getTime() + 15 * MINUTE)
      expect(Number(log.attempts)).toBe(0)
      // never dropped: a delivery job waits for exactly that moment
      const jobs = await rows(app.payload, sql`SELECT wait_until FROM payload_jobs
        WHERE ${carriesLog(log.id)} AND completed_at IS NULL`)
      expect(jobs.map((j) => new Date(j.wait_until as string).getTime())).toEqual([until.getTime()])
      expect(mail.messages.filter((m) => m.subject.includes('hallway carpet'))).toEqual([])
      // a scan in the meantime neither re-queues nor duplicates it
      await scan(app.payload)
      expect(await rows(app.payload, sql`SELECT id FROM payload_jobs WHERE ${carriesLog(log.id)} AND completed_at IS NULL`)).toHaveLength(1)

      // A visit reminder for a visit in 100 minutes cannot wait for the morning: suppressed, reason quiet_hours,
      // while the provider (in their day) is reminded now.
      const visit = await bookVisit(app.payload, {
        customerId: world.ids.customerB,
        providerId: world.ids.provider2,
        start: roundedFromNow(100),
        title: 'Check the smoke alarms',
      })
      await scan(app.payload)
      await drain(app.payload)
      const due = (await logsOf(app.payload, visit.assignmentId)).filter((l) => l.dedupe_key.includes(':180:'))
      expect(due.map((l) => [l.recipient_id === world.ids.customerB ? 'customer' : 'provider', l.status, l.reason]).sort()).toEqual([
        ['customer', 'suppressed', 'quiet_hours'],
        ['provider', 'sent', null],
      ])
    } finally {
      await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour(day)} WHERE id = ${world.ids.customerB}`)
    }
  })

  it('do not hold back event notifications: a person’s own action is answered at once', async () => {
    await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour(night)} WHERE id = ${world.ids.customerA}`)
    try {
      const { assignmentId } = await bookVisit(app.payload, {
        customerId: world.ids.customerA,
        providerId: world.ids.provider1,
        start: roundedFromNow(600),
        title: 'Fit the curtain rails',
      })
      expect((await world.clients.customerA.act(`/api/assignments/${assignmentId}/cancel`, {})).status).toBe(200)
      await drain(app.payload)
      expect(mail.messages.filter((m) => m.to.includes('alice@jobline.local') && m.subject.includes('curtain rails'))).toHaveLength(1)
    } finally {
      await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour(day)} WHERE id = ${world.ids.customerA}`)
    }
  })
})

describe('daily cap per job and recipient', () => {
  it('holds over 100 triggers sent by concurrent runners: exactly REMINDER_MAX_PER_JOB_PER_DAY go out', async () => {
    // 100 providers quoted on Alice's open "Fix leaking kitchen tap" two days ago: 100 follow-ups come due at once.
    const [job] = await rows(app.payload, sql`SELECT id FROM jobs WHERE title = 'Fix leaking kitchen tap'`)
    await rows(app.payload, sql`
      WITH p AS (
        INSERT INTO users (name, email, role, time_zone)
        SELECT 'Flood Provider ' || n, 'flood' || n || '@jobline.local', 'provider', 'UTC' FROM generate_series(1, 100) n
        RETURNING id)
      INSERT INTO quotes (job_id, provider_id, customer_id, amount, currency, status, created_at, updated_at)
      SELECT ${job.id}, p.id, ${world.ids.customerA}, 9900, 'USD', 'pending', now() - interval '2 days', now() FROM p`)
    await rows(app.payload, sql`UPDATE quotes SET created_at = now() - interval '2 days' WHERE job_id = ${job.id}`)
    await scan(app.payload)
    const recorded = await rows(app.payload, sql`
      SELECT l.id FROM reminder_logs l JOIN quotes q ON q.id = l.quote_id
      WHERE q.job_id = ${job.id} AND l.kind = 'quote_follow_up' AND l.status = 'pending'`)
    expect(recorded.length).toBe(102)

    await Promise.all([drain(app.payload, { parallel: 10 }), drain(app.payload, { parallel: 10 }), drain(app.payload, { parallel: 10 })])

    const outcome = await rows(app.payload, sql`
      SELECT l.status, l.reason, count(*)::int AS n FROM reminder_logs l JOIN quotes q ON q.id = l.quote_id
      WHERE q.job_id = ${job.id} AND l.kind = 'quote_follow_up' GROUP BY 1, 2 ORDER BY 1`)
    expect(outcome).toEqual([
      { status: 'sent', reason: null, n: 3 },
      { status: 'suppressed', reason: 'rate_limited', n: 99 },
    ])
    const followUps = mail.messages.filter((m) => m.to.includes('alice@jobline.local') && m.headers['x-jobline-kind'] === 'quote_follow_up')
    expect(followUps).toHaveLength(3)

    // the cap is per job: a nudge about another of Alice's jobs still goes out
    const other = await completedJob(world.ids.customerA, world.ids.provider2, 'Grout the shower')
    await scan(app.payload)
    await drain(app.payload)
    expect((await logsOf(app.payload, other.assignmentId, 'verification_nudge')).map((l) => l.status)).toEqual(['sent'])
  })
})

describe('an SMTP outage', () => {
  it('retries with backoff, then ends failed with the error, counted in reminder_failed_total; recovery sends again', async () => {
    const metrics = async () => parsePrometheusText((await new ApiClient(app.baseUrl).get('/api/metrics')).body)
    const failedBefore = sampleValue(await metrics(), 'reminder_failed_total', { kind: 'verification_nudge', channel: 'email' })

    await mail.down()
    const { assignmentId } = await completedJob(world.ids.customerB, world.ids.provider1, 'Oil the garden gate')
    await scan(app.payload)
    const started = Date.now()
    await drain(app.payload)
    const [log] = await logsOf(app.payload, assignmentId, 'verification_nudge')
    expect(log.status).toBe('failed')
    expect(Number(log.attempts)).toBe(3)
    expect(log.error).toMatch(/ECONNREFUSED|connect/i)
    expect(Date.now() - started).toBeGreaterThanOrEqual(100 + 200 - 100) // two backoff waits (±20% jitter)
    // every attempt was its own job (the scan's batch, then one per retry); none is left running or waiting
    const jobs = await rows(app.payload, sql`SELECT completed_at, processing FROM payload_jobs WHERE ${carriesLog(log.id)}`)
    expect(jobs).toHaveLength(3)
    expect(jobs.every((j) => j.completed_at !== null && j.processing === false)).toBe(true)

    const after = await metrics()
    expect(sampleValue(after, 'reminder_failed_total', { kind: 'verification_nudge', channel: 'email' })).toBe(failedBefore + 1)

    await mail.up()
    const next = await completedJob(world.ids.customerB, world.ids.provider1, 'Paint the shed')
    await scan(app.payload)
    await drain(app.payload)
    expect((await logsOf(app.payload, next.assignmentId, 'verification_nudge')).map((l) => l.status)).toEqual(['sent'])
    expect(mail.messages.filter((m) => m.subject.includes('Paint the shed'))).toHaveLength(1)
  })
})
