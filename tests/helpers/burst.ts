/**
 * Bursts of due reminders for real `npm run worker` processes, and what the SMTP server received of them: the worker
 * tests (tests/int/worker.multiprocess.test.ts) and the fault tests (tests/int/faults.*.test.ts) count lost and doubled
 * messages from the mail server's side, by the reminder-log id each message carries in a header, so the figure does not
 * depend on what the workers wrote to the database.
 */
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { startEmbeddedPostgres, type RunningDatabase } from '../../src/db/embedded'
import { startTestApp, type TestApp } from './app'
import { rows } from './reminders'
import { startSmtp, type Mailbox } from './smtp'
import { spawnWorker, waitUntil, type WorkerProcess } from './workerProcess'

/**
 * Each fault test has two forms. The short one (the default, in `npm test`) scales the durations it waits out and the
 * worker timers they act on by the same factor, and sizes its bursts to cross the same claim-batch and send-group
 * boundaries, so the same mechanism is what passes; each test says why. `FAULT_FULL=1` runs the long form — outages and
 * held transactions of minutes, bursts of 5,000–6,000 — before a release and after any change to delivery, claims or
 * the SMTP transport (docs/performance.md, "Fault tests").
 */
export const FAULT_FULL = process.env.FAULT_FULL === '1'

/** The short form's figures, or the long form's under FAULT_FULL=1. */
export const faultForm = <T>(short: T, full: T): T => (FAULT_FULL ? full : short)

/** The mass customer every burst's visits belong to (one per database). */
export async function massCustomer(payload: Payload): Promise<number> {
  const [customer] = await rows(payload, sql`INSERT INTO users (name, email, role, time_zone)
    VALUES ('Mass Customer', 'mass.customer@jobline.local', 'customer', 'UTC') RETURNING id`)
  return Number(customer.id)
}

/** Lead time the burst's reminders are planned with: set REMINDER_LEAD_MINUTES to it in the workers. */
export const BURST_LEAD_MINUTES = 180

/**
 * `visits` scheduled visits starting between one hour and about two from now (2 s apart, 1 s long, shared by eight new
 * providers so none overlaps), agreed two days ago: with a 180-minute lead each has a reminder due now for its customer
 * and its provider — 2 × `visits` due reminders, planned by the workers' next scan. Up to 3,600 visits.
 */
export async function dueVisits(payload: Payload, customerId: number, batch: string, visits: number): Promise<void> {
  const providers = await rows(payload, sql`INSERT INTO users (name, email, role, time_zone)
    SELECT ${batch} || ' provider ' || n, ${batch} || '.provider' || n || '@jobline.local', 'provider', 'UTC'
    FROM generate_series(1, 8) n RETURNING id`)
  const providerIds = providers.map((p) => Number(p.id))
  await rows(payload, sql`
    WITH j AS (
      INSERT INTO jobs (title, customer_id, time_zone, status, service_address_line1, service_address_city, service_address_country)
      SELECT ${batch} || ' visit ' || n, ${customerId}, 'UTC', 'assigned', n || ' Load Street', 'Testville', 'US'
      FROM generate_series(1, ${visits}) n
      RETURNING id),
    numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM j),
    q AS (
      INSERT INTO quotes (job_id, provider_id, customer_id, amount, currency, status)
      SELECT id, (${sql.param(providerIds)}::int[])[1 + n % 8], ${customerId}, 5000, 'USD', 'accepted' FROM numbered
      RETURNING id, job_id, provider_id)
    INSERT INTO assignments (job_id, quote_id, customer_id, provider_id, status, scheduled_start, scheduled_end, time_zone,
      amount, currency, timestamps_accepted_at, timestamps_scheduled_at)
    SELECT q.job_id, q.id, ${customerId}, q.provider_id, 'scheduled',
      now() + interval '1 hour' + numbered.n * interval '2 seconds',
      now() + interval '1 hour' + numbered.n * interval '2 seconds' + interval '1 second',
      'UTC', 5000, 'USD', now() - interval '3 days', now() - interval '2 days'
    FROM q JOIN numbered ON numbered.id = q.job_id`)
}

export type Outcome = { total: number; sent: number; pending: number; other: number; keys: number; retaken: number }

/** The batch's visit reminders as the database records them. */
export async function outcome(payload: Payload, batch: string): Promise<Outcome> {
  const [r] = await rows(payload, sql`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE l.status = 'sent')::int AS sent,
      count(*) FILTER (WHERE l.status = 'pending')::int AS pending,
      count(*) FILTER (WHERE l.status NOT IN ('sent', 'pending'))::int AS other,
      count(DISTINCT l.dedupe_key)::int AS keys,
      count(*) FILTER (WHERE l.attempts > 1)::int AS retaken
    FROM reminder_logs l JOIN assignments a ON a.id = l.assignment_id JOIN jobs j ON j.id = a.job_id
    WHERE l.kind = 'visit_reminder' AND j.title LIKE ${`${batch} visit %`}`)
  return r as Outcome
}

/** What arrived at the SMTP server for this batch: messages per reminder-log id (each to its one recipient). */
export async function deliveries(payload: Payload, mail: Mailbox, batch: string): Promise<Map<string, number>> {
  const ids = new Set(
    (
      await rows(payload, sql`
        SELECT l.id FROM reminder_logs l JOIN assignments a ON a.id = l.assignment_id JOIN jobs j ON j.id = a.job_id
        WHERE l.kind = 'visit_reminder' AND j.title LIKE ${`${batch} visit %`}`)
    ).map((r) => String(r.id)),
  )
  const counts = new Map<string, number>()
  for (const m of mail.messages) {
    const id = m.headers['x-jobline-notification']
    if (ids.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

export type Tally = { expected: number; received: number; lost: number; duplicates: number; twice: number[] }

/** Lost and doubled messages of a batch of `expected` reminders, counted at the mail server. */
export async function tally(payload: Payload, mail: Mailbox, batch: string, expected: number): Promise<Tally> {
  const arrived = await deliveries(payload, mail, batch)
  const twice = [...arrived.entries()].filter(([, n]) => n > 1).map(([id]) => Number(id))
  const duplicates = [...arrived.values()].reduce((sum, n) => sum + n - 1, 0)
  return { expected, received: arrived.size, lost: expected - arrived.size, duplicates, twice }
}

/** Payload jobs left running or runnable: nothing should be, once a burst is out. */
export const stuckJobs = async (payload: Payload) =>
  rows(payload, sql`SELECT id FROM payload_jobs WHERE processing OR (completed_at IS NULL AND has_error IS NOT TRUE)`)

/** Settings for burst workers: a scan every second, reminders planned with BURST_LEAD_MINUTES, no quiet hours. */
export const burstWorkerEnv = (mail: Mailbox, databaseUri: string, extra: Record<string, string> = {}) => ({
  SMTP_URL: mail.url,
  DATABASE_URI: databaseUri,
  REMINDER_POLL_INTERVAL_MS: '1000',
  REMINDER_QUIET_HOURS: 'off',
  REMINDER_LEAD_MINUTES: String(BURST_LEAD_MINUTES),
  ...extra,
})

export const startBurstWorker = (mail: Mailbox, databaseUri: string, extra: Record<string, string> = {}) =>
  spawnWorker(burstWorkerEnv(mail, databaseUri, extra))

/** SIGTERM to every worker still running; resolves to how each ended. */
export async function stopAll(workers: WorkerProcess[]) {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM')
  const exits = await Promise.all(workers.map((w) => w.exited))
  // FAULT_LOGS=<dir> keeps every worker's output, to read what happened in a failed run
  if (process.env.FAULT_LOGS) for (const w of workers) writeFileSync(path.join(process.env.FAULT_LOGS, `worker-${w.pid}.log`), w.output())
  return exits
}

/**
 * SIGTERM to every worker still running, and how each one that did not exit 0 ended: whether it had already ended
 * before it was asked to stop (a crash), its exit code or signal, and the end of its output. [] when all stopped
 * cleanly; a test expects that, so a failure shows what the worker said.
 */
export async function stopCleanly(workers: WorkerProcess[]) {
  const runningBefore = workers.map((w) => w.child.exitCode === null && w.child.signalCode === null)
  const exits = await stopAll(workers)
  return exits
    .map((e, i) => ({ pid: workers[i].pid, ...e, endedBeforeStop: !runningBefore[i], output: workers[i].output().slice(-3000) }))
    .filter((e) => e.code !== 0)
}

/** A fault test's figures, on one line of the test output (and so of CI's log), e.g. `FAULT kill9 {"lost":0,…}`. */
export function report(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`FAULT ${name} ${JSON.stringify(figures)}\n`)
}

export type FaultWorld = {
  /** The Postgres server of this file alone, so a test may stop and start it. */
  db: RunningDatabase
  mail: Mailbox
  /** The web app (REST, /api/health, /api/metrics) in this process, on its own database of `db`. */
  app: TestApp
  customerId: number
  close: () => Promise<void>
}

/** An embedded Postgres of the file's own (persistent, so it survives a restart), a real SMTP server and the app. */
export async function startFaultWorld(name: string): Promise<FaultWorld> {
  const dataDir = path.resolve(process.cwd(), `.data/faults-${name}-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  const db = await startEmbeddedPostgres({ dataDir, database: 'postgres', persistent: true })
  process.env.TEST_PG_SERVER = db.serverUri
  const mail = await startSmtp()
  const app = await startTestApp({ env: { SMTP_URL: mail.url } })
  const customerId = await massCustomer(app.payload)
  return {
    db,
    mail,
    app,
    customerId,
    close: async () => {
      await app.close().catch(() => {})
      await mail.close()
      await db.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A fault test file's world, started before its tests and closed after them: call `world()` inside a test. */
export function useFaultWorld(name: string): () => FaultWorld {
  let world: FaultWorld | undefined
  beforeAll(async () => {
    world = await startFaultWorld(name)
  })
  afterAll(async () => {
    await world?.close()
  })
  return () => {
    if (!world) throw new Error(`the fault world ${name} did not start`)
    return world
  }
}

/** Resolves once `check` holds; a query failing meanwhile (the database is down) counts as "not yet". */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  await waitUntil(() => check().catch(() => false), timeoutMs, what)
}
