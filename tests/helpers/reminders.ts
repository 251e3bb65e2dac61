/** Driving the reminder worker from a test: one scan, running due jobs until settled, and visits booked at set times. */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { env } from '../../src/env'
import { WORKER_QUEUES } from '../../src/jobs/queues'
import { runDueJobs } from '../../src/jobs/runner'
import { runScan } from '../../src/jobs/scan'
import { dbOf } from '../../src/db/sql'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const scan = (payload: Payload) => runScan(payload, { settings: env().reminders, queues: WORKER_QUEUES })

/**
 * Runs due jobs (as the worker's lanes do) until none is runnable and none waits to become due within `maxWaitMs`
 * (retries with a short backoff); deferred reminders waiting longer are left alone.
 */
export async function drain(payload: Payload, { maxWaitMs = 5000, timeoutMs = 60_000, parallel = 8 } = {}): Promise<number> {
  const until = Date.now() + timeoutMs
  let ran = 0
  while (Date.now() < until) {
    const n = await runDueJobs(payload, { queues: WORKER_QUEUES, limit: parallel })
    ran += n
    if (n > 0) continue
    const { rows } = await dbOf(payload).execute(sql`
      SELECT count(*)::int AS n FROM payload_jobs
      WHERE completed_at IS NULL AND has_error IS NOT TRUE
        AND (processing OR wait_until <= now() + ${maxWaitMs} * interval '1 millisecond')`)
    if (Number(rows[0].n) === 0) return ran
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`jobs did not settle within ${timeoutMs} ms`)
}

/** Raw SQL rows, for assertions the REST API does not expose (leases, queue rows) and for moving time. */
export const rows = async (payload: Payload, query: ReturnType<typeof sql>) => (await dbOf(payload).execute(query)).rows

export type LogRow = {
  id: number
  kind: string
  channel: string
  status: string
  reason: string | null
  recipient_id: number
  planned_start: Date | null
  attempts: string
  error: string | null
  next_attempt_at: Date | null
  dedupe_key: string
  claimed_by: string | null
  lease_until: Date | null
}

export const logsOf = async (payload: Payload, assignmentId: number, kind = 'visit_reminder') =>
  (await rows(payload, sql`SELECT * FROM reminder_logs WHERE assignment_id = ${assignmentId} AND kind = ${kind} ORDER BY id`)) as unknown as LogRow[]

const asSystem = {
  overrideAccess: true,
  depth: 0,
  context: { trusted: true, transition: { action: 'test', actorRole: 'system' } },
} as const

let made = 0

/**
 * A job, its accepted quote and an assignment scheduled for [start, start + minutes), agreed at `bookedAt` — written as
 * the system, the way the confirm endpoint leaves them. Visits are short so a provider's test visits never overlap.
 */
export async function bookVisit(
  payload: Payload,
  {
    customerId,
    providerId,
    start,
    minutes = 5,
    bookedAt = new Date(Date.now() - DAY),
    timeZone = 'Europe/Berlin',
    title,
  }: { customerId: number; providerId: number; start: Date; minutes?: number; bookedAt?: Date; timeZone?: string; title?: string },
): Promise<{ jobId: number; assignmentId: number }> {
  const n = ++made
  const job = await payload.create({
    collection: 'jobs',
    data: {
      customer: customerId,
      title: title ?? `Reminder test job ${n}`,
      serviceAddress: { line1: `${n} Reminder Street`, city: 'Berlin', postalCode: '10115', country: 'DE' },
      timeZone,
      status: 'assigned',
      assignedProvider: providerId,
    },
    ...asSystem,
  })
  const quote = await payload.create({
    collection: 'quotes',
    data: { job: job.id, provider: providerId, amount: 10_000 + n, currency: 'EUR', status: 'accepted' },
    ...asSystem,
  })
  const assignment = await payload.create({
    collection: 'assignments',
    data: {
      job: job.id,
      quote: quote.id,
      customer: customerId,
      provider: providerId,
      status: 'scheduled',
      version: 1,
      payoutStatus: 'none',
      timeZone,
      amount: 10_000 + n,
      currency: 'EUR',
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + minutes * MINUTE).toISOString(),
      timestamps: { acceptedAt: new Date(bookedAt.getTime() - HOUR).toISOString(), scheduledAt: bookedAt.toISOString() },
    },
    ...asSystem,
  })
  return { jobId: job.id, assignmentId: assignment.id }
}

/** The next whole `step` minutes after `from` + `minutes`: visit times that read cleanly in an email. */
export const roundedFromNow = (minutes: number, step = 5) => {
  const t = Date.now() + minutes * MINUTE
  return new Date(Math.ceil(t / (step * MINUTE)) * step * MINUTE)
}

/**
 * A fixed-offset zone (Etc/GMT±N, no DST) whose local hour right now satisfies `wanted`: lets a test put a recipient
 * in their night (quiet hours) or their day, whatever time the test runs.
 */
export function zoneWhereHour(wanted: (hour: number) => boolean, at = new Date()): string {
  for (let offset = -12; offset <= 14; offset++) {
    const name = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}` // Etc signs are inverted
    const hour = (at.getUTCHours() + offset + 48) % 24
    // stay an hour clear of the edges so the test does not straddle one
    if (wanted(hour) && wanted((hour + 1) % 24)) return name
  }
  throw new Error('no zone with such an hour')
}

/** Local hour in `timeZone` of `at`, and the wall-clock "h:mm" with AM/PM, read with Intl independently of src/. */
export function localClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return { text: `${parts.hour}:${parts.minute}`, dayPeriod: String(parts.dayPeriod).toUpperCase() }
}

/** SQL condition: the payload_jobs row carries reminder-log `logId`, alone (sendNotification) or in a batch (deliverReminders). */
export const carriesLog = (logId: number | string) => carriesAnyLog([Number(logId)])

/** SQL condition: the payload_jobs row carries any of these reminder logs. */
export const carriesAnyLog = (logIds: number[]) =>
  sql`(input ->> 'logId' = ANY(${sql.param(logIds.map(String))}::text[])
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(input -> 'logIds') e WHERE e::int = ANY(${sql.param(logIds)}::int[])))`
