/**
 * `npm run bench`: figures for the hot paths, each beside a baseline measured in the same run on the same database,
 * so the ratios hold on any machine. Uses a fresh embedded Postgres (or DATABASE_URI's server) and prints a table.
 */
import { existsSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { sql } from '@payloadcms/db-postgres'

import { startEmbeddedPostgres } from '../src/db/embedded'
import { startTestApp, type TestApp } from '../tests/helpers/app'
import { ApiClient } from '../tests/helpers/client'
import { createAssignments, createOpenProposals, createPeople, drizzle } from './lib/generate'
import { load, median, time } from './lib/load'
import { coldStart } from './lib/coldStart'
import { benchScan, benchKpis, benchReminderPipeline } from './lib/scenarios'
import { benchWebhooks } from './lib/webhooks'

type Row = { figure: string; value: string; baseline: string; ratio: string; target: string; holds: string }
const rows: Row[] = []
const report = (figure: string, value: number, unit: string, baseline: number, baseUnit: string, target?: { max?: number; min?: number; on: 'ratio' | 'value' }) => {
  const ratio = value / baseline
  const subject = target?.on === 'value' ? value : ratio
  const holds = !target ? '' : (target.max === undefined || subject <= target.max) && (target.min === undefined || subject >= target.min) ? 'yes' : 'NO'
  rows.push({
    figure,
    value: `${value.toFixed(unit === 'ms' ? 2 : 0)} ${unit}`,
    baseline: `${baseline.toFixed(baseUnit === 'ms' ? 2 : 0)} ${baseUnit}`,
    ratio: `${ratio.toFixed(2)}×`,
    target: target ? `${target.on === 'ratio' ? 'ratio' : 'value'} ${target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`}` : '',
    holds,
  })
  console.log(`  ${figure}: ${rows.at(-1)!.value} (baseline ${rows.at(-1)!.baseline}, ${rows.at(-1)!.ratio})`)
}

// the app inside this process logs every notification it records; the figures are what this run prints
process.env.LOG_LEVEL ??= 'warn'
const SMALL = Number(process.env.BENCH_SMALL ?? 10_000)
/** BENCH_ONLY=pipeline,scan (any of confirm, pipeline, webhooks, scan, kpis, cold) runs a part; unset runs everything. */
const only = new Set((process.env.BENCH_ONLY ?? 'confirm,pipeline,webhooks,scan,kpis,cold').split(',').map((s) => s.trim()))
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000)
const started = Date.now()

let server: { stop: () => Promise<void> } | undefined
const dataDir = path.resolve(process.cwd(), `.data/bench-${process.pid}`)
const needsDatabase = ['confirm', 'pipeline', 'webhooks', 'scan', 'kpis'].some((part) => only.has(part))
if (!needsDatabase) {
  // only the cold start: it boots its own database
} else if (!process.env.DATABASE_URI) {
  rmSync(dataDir, { recursive: true, force: true })
  // BENCH_STATEMENTS=1: the pipeline part also prints where Postgres spent its time, statement by statement
  const flags = process.env.BENCH_STATEMENTS === '1' ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : []
  if (process.env.BENCH_EXPLAIN_MS) flags.push('-c', `shared_preload_libraries=pg_stat_statements,auto_explain`, '-c', `auto_explain.log_min_duration=${process.env.BENCH_EXPLAIN_MS}`, '-c', 'auto_explain.log_analyze=on', '-c', 'auto_explain.log_nested_statements=on')
  const pg = await startEmbeddedPostgres({ dataDir, database: 'postgres', persistent: false, flags, log: Boolean(process.env.BENCH_EXPLAIN_MS) })
  process.env.TEST_PG_SERVER = pg.serverUri
  server = pg
} else {
  const url = new URL(process.env.DATABASE_URI)
  url.pathname = ''
  process.env.TEST_PG_SERVER = url.toString().replace(/\/$/, '')
}

let app: TestApp | undefined
let shuttingDown = false
// stopping the embedded server ends connections a pool may still hold idle; that is the end of the run, not a failure
process.on('uncaughtException', (error) => {
  if (shuttingDown && /terminating connection/.test(String(error))) return
  throw error
})
if (needsDatabase) try {
  app = await startTestApp({ env: { REMINDER_WORKER_ENABLED: 'false', WEBHOOKS_ALLOW_PRIVATE: 'true' } })
  const { payload } = app
  console.log(`bench: generating ${SMALL} assignments`)
  const people = await createPeople(payload, 200)
  await createAssignments(payload, people, SMALL, { scheduledShare: 0.005, pendingShare: 0.05 })

  // 1. the confirm endpoint against a plain REST PATCH of the same collection, 16 clients each
  if (only.has('confirm')) await benchConfirm(app, people)

  // 2. the reminder pipeline (before the table grows), 3–4. the scan at both sizes and the KPIs at the large one
  if (only.has('pipeline')) await benchReminderPipeline(app, people, { report, reminders: Number(process.env.BENCH_REMINDERS ?? 10_000) })
  // 2b. webhook deliveries to a local receiver, beside the reminder pipeline's figure
  if (only.has('webhooks')) await benchWebhooks(app, { report, deliveries: Number(process.env.BENCH_WEBHOOKS ?? 10_000) })
  if (only.has('scan') || only.has('kpis')) await benchScan(app, people, { small: SMALL, large: LARGE, report })
  if (only.has('kpis')) await benchKpis(app, { report })
} catch (error) {
  console.error('bench failed:', error)
  process.exitCode = 1
} finally {
  shuttingDown = true
  await app?.close()
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

async function benchConfirm(app: TestApp, people: Awaited<ReturnType<typeof createPeople>>) {
  const { payload } = app
  console.log('bench: confirm endpoint vs plain PATCH (16 concurrent clients)')
  const proposals = await createOpenProposals(payload, 400)
  const customer = await ApiClient.login(app.baseUrl, people.customerEmail, people.password)
  const ops = await ApiClient.login(app.baseUrl, 'bench-ops@example.com', people.password)
  const { rows: patchTargets } = await drizzle(payload).execute(sql`SELECT id FROM assignments WHERE status = 'verified' ORDER BY id LIMIT 400`)
  const warm = 20
  await load(warm, 4, (i) => ops.patch(`/api/assignments/${patchTargets[i].id}`, { timeZone: 'America/Chicago' }).then((r) => r.status))
  const patch = await load(patchTargets.length - warm, 16, (i) =>
    ops.patch(`/api/assignments/${patchTargets[i + warm].id}`, { timeZone: 'America/Chicago' }).then((r) => r.status),
  )
  const confirm = await load(proposals.length, 16, (i) =>
    customer
      .post(`/api/assignments/${proposals[i].assignmentId}/schedule/confirm`, { proposalId: proposals[i].proposalId, windowIndex: 0, version: 1 })
      .then((r) => r.status),
  )
  console.log(`  statuses: confirm ${JSON.stringify(confirm.statuses)}, patch ${JSON.stringify(patch.statuses)}`)
  report('confirm p50', confirm.p50, 'ms', patch.p50, 'ms', { max: 1.5, on: 'ratio' })
  report('confirm p95', confirm.p95, 'ms', patch.p95, 'ms')
  report('confirm throughput', confirm.rps, 'req/s', patch.rps, 'req/s')
}

// 5. cold start of `npm run dev` to /admin 200, on its own embedded database: first after install (no build cache),
// then again with the cache that first start left
// (your own .next is set aside meanwhile and put back after)
if (process.env.BENCH_SKIP_COLD !== '1' && only.has('cold')) {
  const saved = existsSync('.next') ? `.next.bench-saved-${process.pid}` : undefined
  if (saved) renameSync('.next', saved)
  try {
    const first = await coldStart()
    report('cold start after install: npm run dev → /admin 200', first.ms, 'ms', first.healthMs, 'ms (→ /api/health)', { max: 30_000, on: 'value' })
    const again = await coldStart()
    report('start with the build cache: npm run dev → /admin 200', again.ms, 'ms', again.healthMs, 'ms (→ /api/health)')
  } finally {
    rmSync('.next', { recursive: true, force: true })
    if (saved) renameSync(saved, '.next')
  }
}

console.log(`\nJobline benchmark — ${new Date().toISOString()} — ${SMALL} / ${LARGE} assignments — ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
console.log('| figure | value | baseline (same run) | ratio | target | holds |')
console.log('|---|---|---|---|---|---|')
for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.holds} |`)
process.exit(0)

export { median, time }
