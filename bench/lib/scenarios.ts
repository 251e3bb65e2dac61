import { readdirSync, readFileSync } from 'node:fs'

import { sql } from '@payloadcms/db-postgres'

import type { TestApp } from '../../tests/helpers/app'
import { createAssignments, drizzle, type Population } from './generate'
import { median, time } from './load'

type Report = (figure: string, value: number, unit: string, baseline: number, baseUnit: string, target?: { max?: number; min?: number; on: 'ratio' | 'value' }) => void

/** The due-visit scan's query: scheduled visits starting within the look-ahead plus the longest lead. */
export const dueVisitScan = (horizonMinutes: number) => sql`
  SELECT id, scheduled_start, version FROM assignments
  WHERE status = 'scheduled' AND scheduled_start > now() AND scheduled_start <= now() + ${`${horizonMinutes} minutes`}::interval
  ORDER BY scheduled_start LIMIT 5000`

/** The worker's whole scan pass (all four planners, overdue flags, the stuck-job sweep, dispatch), in steady state. */
async function timeScan(app: TestApp, horizon: number) {
  const db = drizzle(app.payload)
  const { runScan } = await import('../../src/jobs/scan')
  const { WORKER_QUEUES } = await import('../../src/jobs/queues')
  const { env } = await import('../../src/env')
  const pass = () => runScan(app.payload, { settings: env().reminders, queues: WORKER_QUEUES })
  for (let i = 0; i < 3; i++) await pass() // records what is due once; later passes find it recorded
  const runs: number[] = []
  const steps: Record<string, number[]> = {}
  for (let i = 0; i < 11; i++) {
    const { ms, result } = await time(pass)
    runs.push(ms)
    for (const [step, stepMs] of Object.entries(result.steps)) (steps[step] ??= []).push(stepMs)
  }
  console.log(`  median ms per step: ${Object.entries(steps).map(([step, list]) => `${step} ${median(list)}`).join(', ')}`)
  const found = (await db.execute(dueVisitScan(horizon))).rows.length
  const { rows } = await db.execute(sql`EXPLAIN (FORMAT JSON) ${dueVisitScan(horizon)}`)
  const plan = (rows[0]['QUERY PLAN'] as { Plan: { 'Node Type': string; Plans?: { 'Node Type': string; 'Index Name'?: string }[] } }[])[0].Plan
  const top = [plan['Node Type'], ...(plan.Plans ?? []).map((p) => `${p['Node Type']}${p['Index Name'] ? ` on ${p['Index Name']}` : ''}`)].join(' → ')
  return { ms: median(runs), found, top }
}

/** The scan at the small size, then grown to the large size with the same few visits due: the ratio should be ~1. */
export async function benchScan(app: TestApp, people: Population, { small, large, report }: { small: number; large: number; report: Report }) {
  console.log('bench: due-reminder scan at both sizes')
  const horizon = 60 + 1440
  const atSmall = await timeScan(app, horizon)
  console.log(`  ${small}: ${atSmall.found} due, plan ${atSmall.top}`)
  console.log(`bench: growing to ${large} assignments`)
  const grow = await time(() => createAssignments(app.payload, people, large - small, { scheduledShare: 1e-9, pendingShare: 0.001 }))
  console.log(`  generated in ${(grow.ms / 1000).toFixed(1)} s`)
  const atLarge = await timeScan(app, horizon)
  console.log(`  ${large}: ${atLarge.found} due, plan ${atLarge.top}`)
  report(`scan pass at ${large} vs ${small} (due-visit query plan: ${atLarge.top})`, atLarge.ms, 'ms', atSmall.ms, 'ms', { max: 1.5, on: 'ratio' })
}

/** The Ops KPIs against one indexed count(*), at the large size. */
export async function benchKpis(app: TestApp, { report }: { report: Report }) {
  console.log('bench: KPI query vs one indexed count(*)')
  const db = drizzle(app.payload)
  const kpis = sql`
    SELECT
      count(*) FILTER (WHERE status = 'pending_schedule') AS awaiting_schedule,
      count(*) FILTER (WHERE status = 'scheduled') AS scheduled,
      count(*) FILTER (WHERE reminders_overdue) AS reminder_overdue,
      (SELECT count(*) FROM payouts WHERE status = 'pending_review') AS payout_pending
    FROM assignments WHERE status IN ('pending_schedule', 'scheduled') OR reminders_overdue`
  const baseline = sql`SELECT count(*) FROM assignments WHERE status = 'scheduled'`
  const measure = async (q: ReturnType<typeof sql>) => {
    for (let i = 0; i < 3; i++) await db.execute(q)
    const runs: number[] = []
    for (let i = 0; i < 21; i++) runs.push((await time(() => db.execute(q))).ms)
    return median(runs)
  }
  report('KPI query at large size', await measure(kpis), 'ms', await measure(baseline), 'ms', { max: 5, on: 'ratio' })
}

/** CPU seconds used so far by the given processes and by every Postgres server process (Linux /proc). */
function cpuSeconds(pids: number[]): { workers: number; postgres: number } {
  const ticks = 100 // USER_HZ on Linux
  const used = (pid: string) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return (Number(fields[11]) + Number(fields[12])) / ticks
    } catch {
      return 0
    }
  }
  let postgres = 0
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres')) postgres += used(pid)
    } catch {
      // gone
    }
  }
  return { workers: pids.reduce((sum, pid) => sum + used(String(pid)), 0), postgres }
}

/** Postgres's own account of the run (pg_stat_statements): the statements that took the most time, per reminder. */
/** Row updates of the tables a reminder rewrites, and how many were heap-only (HOT: no new index entries). */
async function updateCounts(app: TestApp): Promise<Record<string, { updates: number; hot: number }>> {
  const { rows } = await drizzle(app.payload).execute(sql`
    SELECT relname, n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname IN ('reminder_logs', 'assignments')`)
  return Object.fromEntries(rows.map((r) => [String(r.relname), { updates: Number(r.updates), hot: Number(r.hot) }]))
}

async function printStatements(app: TestApp, reminders: number, before: Record<string, { updates: number; hot: number }>) {
  await new Promise((r) => setTimeout(r, 1500)) // each backend reports its table counts at most once a second
  const after = await updateCounts(app)
  for (const [table, a] of Object.entries(after)) {
    const [updates, hot] = [a.updates - (before[table]?.updates ?? 0), a.hot - (before[table]?.hot ?? 0)]
    console.log(`  ${table}: ${(updates / reminders).toFixed(2)} row updates a reminder, ${updates ? ((100 * hot) / updates).toFixed(0) : 0}% heap-only (HOT)`)
  }
  const { rows } = await drizzle(app.payload).execute(sql`
    SELECT calls, total_exec_time AS ms, rows, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) AS query
    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 15`)
  const total = rows.reduce((sum, r) => sum + Number(r.ms), 0)
  console.log(`  top statements (${((total * 1000) / reminders).toFixed(0)} µs of execution a reminder in these):`)
  for (const r of rows) console.log(`    ${((Number(r.ms) * 1000) / reminders).toFixed(1).padStart(6)} µs  ${String(r.calls).padStart(6)} calls  ${r.query}`)
}

const countSent = async (app: TestApp) => {
  const { rows } = await drizzle(app.payload).execute(sql`SELECT count(*) AS n FROM reminder_logs WHERE kind = 'visit_reminder' AND status = 'sent'`)
  return Number(rows[0].n)
}

/**
 * `visits` visits whose 120-minute reminder is already due (they start within the next two hours), one minute long and one minute apart per provider (so the
 * exclusion constraint holds), booked a day ago: each yields a reminder for the customer and one for the provider.
 */
async function dueVisits(app: TestApp, people: Population, visits: number) {
  const db = drizzle(app.payload)
  const providers = people.providerIds.length
  const first = people.providerIds[0]
  const { rows } = await db.execute(sql`SELECT coalesce(max(id), 0) AS max FROM jobs`)
  const base = Number(rows[0].max)
  await db.execute(sql`
    INSERT INTO jobs (id, title, customer_id, service_address_line1, service_address_city, service_address_country, time_zone, status, assigned_provider_id)
    SELECT ${base} + g, 'Pipeline job ' || g, ${people.customerId}, '1 Bench St', 'Boston', 'US', 'America/New_York', 'assigned', ${first} + (g % ${providers})
    FROM generate_series(1, ${visits}) g`)
  await db.execute(sql`
    INSERT INTO quotes (id, job_id, provider_id, customer_id, amount, currency, status)
    SELECT ${base} + g, ${base} + g, ${first} + (g % ${providers}), ${people.customerId}, 10000, 'USD', 'accepted'
    FROM generate_series(1, ${visits}) g`)
  await db.execute(sql`
    INSERT INTO assignments (id, job_id, quote_id, customer_id, provider_id, status, scheduled_start, scheduled_end, time_zone, version,
      payout_status, amount, currency, timestamps_accepted_at, timestamps_scheduled_at)
    SELECT ${base} + g, ${base} + g, ${base} + g, ${people.customerId}, ${first} + (g % ${providers}), 'scheduled',
      now() + interval '90 minutes' + (g / ${providers}) * interval '1 minute',
      now() + interval '90 minutes' + (g / ${providers}) * interval '1 minute' + interval '50 seconds',
      'America/New_York', 1, 'none', 10000, 'USD', now() - interval '2 days', now() - interval '1 day'
    FROM generate_series(1, ${visits}) g`)
  for (const table of ['jobs', 'quotes', 'assignments']) {
    await db.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`))
  }
  return { from: base + 1, to: base + visits }
}

/**
 * The reminder pipeline end to end: real worker processes (`src/jobs/worker.ts`) scan, record, claim and send
 * `reminders` visit reminders through the zero-latency JSON transport (no SMTP_URL); timed from the moment the due
 * visits exist until every reminder is recorded sent, with 1 and with 2 workers. Baseline: the same number of log
 * rows written by one raw INSERT … SELECT … ON CONFLICT DO NOTHING.
 */
export async function benchReminderPipeline(app: TestApp, people: Population, { report, reminders = 10_000 }: { report: Report; reminders?: number }) {
  const { spawnWorker } = await import('../../tests/helpers/workerProcess')
  const db = drizzle(app.payload)
  const visits = reminders / 2
  const env = {
    DATABASE_URI: app.databaseUri,
    SMTP_URL: '',
    REMINDER_LEAD_MINUTES: '120',
    REMINDER_LOOKAHEAD_MINUTES: '60',
    REMINDER_POLL_INTERVAL_MS: '1000',
    REMINDER_WORKER_ENABLED: 'true',
    REMINDER_QUIET_HOURS: 'off',
    REMINDER_MAX_PER_JOB_PER_DAY: '100',
    REMINDER_WORKER_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '4',
    JOBLINE_LOGS: '0',
    LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn',
  }
  // BENCH_WORKER_PROFILE=dir: each worker writes a V8 CPU profile there when it stops (open it in Chrome DevTools)
  const nodeArgs = process.env.BENCH_WORKER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`] : []
  const statements = process.env.BENCH_STATEMENTS === '1'
  if (statements) await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`)
  const results: Record<number, number> = {}
  for (const workers of [1, 2]) {
    console.log(`bench: reminder pipeline, ${reminders} reminders, ${workers} worker(s)`)
    const procs = Array.from({ length: workers }, () => spawnWorker(env, { nodeArgs }))
    try {
      // ready when each has written its heartbeat (its log may be set to warnings only)
      const until = Date.now() + 180_000
      for (;;) {
        const { rows: beats } = await db.execute(sql`SELECT count(DISTINCT pid)::int AS n FROM worker_heartbeats
          WHERE pid = ANY(${sql.param(procs.map((w) => w.pid))}::int[])`)
        if (Number(beats[0].n) === procs.length) break
        if (Date.now() > until) throw new Error(`workers did not start:\n${procs.map((w) => w.output().slice(-2000)).join('\n')}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      // Earlier parts (the confirm benchmark's notifications) leave work queued: let the workers finish it first, so
      // what is timed is this batch alone.
      for (let idle = 0; idle < 3 && Date.now() < until; ) {
        const { rows: busy } = await db.execute(sql`SELECT count(*)::int AS n FROM payload_jobs
          WHERE completed_at IS NULL AND has_error IS NOT TRUE AND (processing OR wait_until IS NULL OR wait_until <= now())`)
        idle = Number(busy[0].n) === 0 ? idle + 1 : 0
        await new Promise((r) => setTimeout(r, 500))
      }
      if (statements) await db.execute(sql`SELECT pg_stat_statements_reset()`)
      const updatesBefore = statements ? await updateCounts(app) : {}
      const sentBefore = await countSent(app)
      const cpuBefore = cpuSeconds(procs.map((w) => w.pid))
      const t0 = performance.now()
      const round = await dueVisits(app, people, visits)
      const deadline = Date.now() + 600_000
      while ((await countSent(app)) - sentBefore < reminders) {
        if (Date.now() > deadline) throw new Error(`pipeline did not finish: ${(await countSent(app)) - sentBefore} of ${reminders} sent`)
        await new Promise((r) => setTimeout(r, 250))
      }
      const wall = performance.now() - t0
      const cpuAfter = cpuSeconds(procs.map((w) => w.pid))
      // From the scan's first record to the last one sent, both on the database's clock: the scan starts on the
      // worker's next tick, up to REMINDER_POLL_INTERVAL_MS after the visits appear, which is a setting, not speed.
      const { rows: span } = await db.execute(sql`
        SELECT extract(epoch FROM max(sent_at) - min(created_at)) * 1000 AS ms,
          extract(epoch FROM max(created_at) - min(created_at)) * 1000 AS recording_ms,
          extract(epoch FROM min(sent_at) - min(created_at)) * 1000 AS first_sent_ms
        FROM reminder_logs
        WHERE kind = 'visit_reminder' AND assignment_id BETWEEN ${round.from} AND ${round.to}`)
      results[workers] = Number(span[0].ms)
      const { rows: jobs } = await db.execute(sql`
        SELECT count(*) AS n, extract(epoch FROM max(completed_at) - min(created_at)) * 1000 AS ms FROM payload_jobs
        WHERE task_slug = 'deliverReminders' AND created_at >= (SELECT min(created_at) FROM reminder_logs WHERE assignment_id BETWEEN ${round.from} AND ${round.to})`)
      const perReminder = (seconds: number) => `${((seconds * 1e6) / reminders).toFixed(0)} µs`
      console.log(
        `  CPU while it ran: workers ${(cpuAfter.workers - cpuBefore.workers).toFixed(1)} s (${perReminder(cpuAfter.workers - cpuBefore.workers)} a reminder), ` +
          `Postgres ${(cpuAfter.postgres - cpuBefore.postgres).toFixed(1)} s (${perReminder(cpuAfter.postgres - cpuBefore.postgres)} a reminder)`,
      )
      console.log(`  recorded within ${Number(span[0].recording_ms).toFixed(0)} ms, first sent at ${Number(span[0].first_sent_ms).toFixed(0)} ms, ${jobs[0].n} delivery jobs`)
      console.log(`  ${workers} worker(s): ${reminders} sent ${(results[workers] / 1000).toFixed(2)} s after the scan's first record (${(wall / 1000).toFixed(2)} s after the visits were written)`)
      if (statements) await printStatements(app, reminders, updatesBefore)
      if (process.env.BENCH_VERBOSE) for (const w of procs) for (const e of w.events) if (e.event === 'worker.scan') console.log('   ', JSON.stringify(e))
    } finally {
      for (const w of procs) w.child.kill('SIGTERM')
      await Promise.all(procs.map((w) => w.exited))
    }
    // the next round starts from visits nobody has reminded yet
    await db.execute(sql`UPDATE assignments SET status = 'verified' WHERE status = 'scheduled' AND scheduled_start < now() + interval '200 minutes'`)
  }
  await db.execute(sql`CREATE TEMP TABLE bench_logs (LIKE reminder_logs INCLUDING DEFAULTS)`)
  await db.execute(sql`CREATE UNIQUE INDEX ON bench_logs (dedupe_key)`)
  const raw = await time(() =>
    db.execute(sql`
      INSERT INTO bench_logs (kind, channel, assignment_id, customer_id, provider_id, recipient_id, recipient_address, status, dedupe_key,
        scheduled_for, planned_start, attempts, updated_at, created_at)
      SELECT 'visit_reminder', 'email', a.id, a.customer_id, a.provider_id, r.user_id, 'x@example.com', 'sent',
        'visit_reminder:' || a.id || ':' || r.role, a.scheduled_start - interval '120 minutes', a.scheduled_start, 1, now(), now()
      FROM (SELECT * FROM assignments ORDER BY id DESC LIMIT ${visits}) a
      CROSS JOIN LATERAL (VALUES ('customer', a.customer_id), ('provider', a.provider_id)) AS r(role, user_id)
      ON CONFLICT (dedupe_key) DO NOTHING`),
  )
  for (const workers of [1, 2]) {
    report(`reminder pipeline, ${workers} worker(s), scan start → all sent: ${(reminders / (results[workers] / 1000)).toFixed(0)} reminders/s (target ≥ 5000/s)`, results[workers], 'ms', raw.ms, 'ms (raw INSERT … ON CONFLICT)', { max: 20, on: 'ratio' })
  }
}
