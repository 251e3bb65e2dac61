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

async function timeScan(app: TestApp, horizon: number) {
  const db = drizzle(app.payload)
  for (let i = 0; i < 3; i++) await db.execute(dueVisitScan(horizon)) // warm
  const runs: number[] = []
  let found = 0
  for (let i = 0; i < 21; i++) {
    const { ms, result } = await time(() => db.execute(dueVisitScan(horizon)))
    runs.push(ms)
    found = result.rows.length
  }
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
  report(`scan at ${large} vs ${small} (plan: ${atLarge.top})`, atLarge.ms, 'ms', atSmall.ms, 'ms', { max: 1.5, on: 'ratio' })
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

/** The reminder pipeline: filled in with the worker's own scan and send path (issue 4). */
export async function benchReminderPipeline(_app: TestApp, _people: Population, _opts: { report: Report }) {
  console.log('bench: reminder pipeline — not measured: the reminder worker is not in this build yet')
}
