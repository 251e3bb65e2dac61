/**
 * The KPIs' daily snapshots (`kpi-snapshots`): one row per UTC day and KPI, written once — by the worker's housekeeping
 * on the day (`takeKpiSnapshot`), or rebuilt from the audit trail for days nobody took (`backfillKpiSnapshots`) — and
 * read back for the dashboard's 30-day trend with the reader's own access.
 */
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TypedUser } from 'payload'

import { dbOf, type Db } from '../../db/sql'
import {
  chartDays,
  KPI_TREND_DAYS,
  KPIS,
  kpiTrend,
  rebuildableFromAudit,
  startOfUtcDay,
  utcDay,
  type KpiKey,
  type KpiSnapshotSource,
  type KpiTrendSeries,
} from '../../domain/kpis'
import { kpiCountsForSystem } from '.'

type Figure = { day: string; kpi: KpiKey; value: number }

/** Inserts the figures no row holds yet (the unique (day, kpi) pair decides); returns how many were written. */
async function insertFigures(db: Db, figures: Figure[], source: KpiSnapshotSource, takenAt: Date): Promise<number> {
  if (!figures.length) return 0
  const { rowCount } = await db.execute(sql`
    INSERT INTO kpi_snapshots (day, kpi, value, source, taken_at, updated_at, created_at)
    SELECT f.day, f.kpi::enum_kpi_snapshots_kpi, f.value, ${source}::enum_kpi_snapshots_source, ${takenAt.toISOString()}::timestamptz, now(), now()
    FROM unnest(${sql.param(figures.map((f) => f.day))}::text[], ${sql.param(figures.map((f) => f.kpi))}::text[],
      ${sql.param(figures.map((f) => f.value))}::int[]) AS f(day, kpi, value)
    ON CONFLICT (day, kpi) DO NOTHING`)
  return rowCount ?? 0
}

async function keysTaken(db: Db, day: string): Promise<Set<string>> {
  const { rows } = await db.execute(sql`SELECT kpi::text AS kpi FROM kpi_snapshots WHERE day = ${day}`)
  return new Set(rows.map((r) => String(r.kpi)))
}

/**
 * Today's figures (UTC), counted now, for the KPIs that have none yet today. Cheap when they exist (one indexed
 * read), so the worker may ask on every housekeeping pass; any number of workers write each figure once.
 */
export async function takeKpiSnapshot(payload: Payload, now = new Date()): Promise<{ day: string; written: number }> {
  const db = dbOf(payload)
  const day = utcDay(now)
  const taken = await keysTaken(db, day)
  if (KPIS.every((k) => taken.has(k.key))) return { day, written: 0 }
  const counts = await kpiCountsForSystem(payload)
  const figures = KPIS.filter((k) => !taken.has(k.key)).map((k) => ({ day, kpi: k.key, value: counts[k.key] }))
  return { day, written: await insertFigures(db, figures, 'live', now) }
}

/**
 * Fills the days of the last `days` (today included) that have no figure, from the audit trail: for each KPI that
 * counts records of one status, how many records were in that status at 00:00 UTC of the day (each record's status
 * at an instant is the `to_state` of its last audit row before it). One pass over each collection's audit rows.
 * Figures that exist are never touched; the overdue flag cannot be rebuilt and stays missing where nobody took it.
 */
export async function backfillKpiSnapshots(
  payload: Payload,
  { days = KPI_TREND_DAYS, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<{ days: string[]; written: number; skipped: KpiKey[] }> {
  const db = dbOf(payload)
  const dayList = chartDays(utcDay(now), days)
  const instants = dayList.map((d) => startOfUtcDay(d).toISOString())
  const figures: Figure[] = []
  const skipped: KpiKey[] = []
  const byEntity = new Map<string, { key: KpiKey; status: string }[]>()
  for (const kpi of KPIS) {
    const rebuild = rebuildableFromAudit(kpi)
    if (!rebuild) skipped.push(kpi.key)
    else byEntity.set(rebuild.entity, [...(byEntity.get(rebuild.entity) ?? []), { key: kpi.key, status: rebuild.status }])
  }
  for (const [entity, kpis] of byEntity) {
    const { rows } = await db.execute(sql`
      WITH days AS (
        SELECT * FROM unnest(${sql.param(dayList)}::text[], ${sql.param(instants)}::timestamptz[]) AS d(day, at)
      ), moves AS (
        SELECT to_state, at, lead(at) OVER (PARTITION BY entity_id ORDER BY at, id) AS until
        FROM audit_events
        WHERE entity = ${entity} AND to_state IS NOT NULL AND at < ${instants[instants.length - 1]}::timestamptz
      )
      SELECT d.day, m.to_state AS status, count(*)::int AS count
      FROM days d JOIN moves m ON m.at < d.at AND (m.until IS NULL OR m.until >= d.at)
      WHERE m.to_state = ANY(${sql.param(kpis.map((k) => k.status))}::text[])
      GROUP BY 1, 2`)
    const count = new Map(rows.map((r) => [`${r.day} ${r.status}`, Number(r.count)]))
    for (const day of dayList) for (const k of kpis) figures.push({ day, kpi: k.key, value: count.get(`${day} ${k.status}`) ?? 0 })
  }
  return { days: dayList, written: await insertFigures(db, figures, 'audit', now), skipped }
}

/**
 * The last `days` of snapshots as one series per KPI, read with the user's access. The collection's read rule is asked
 * first: anyone it does not let read every snapshot (everyone but Ops) gets null.
 */
export async function kpiTrendFor(
  payload: Payload,
  user: TypedUser,
  { days = KPI_TREND_DAYS, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<{ days: string[]; series: KpiTrendSeries[] } | null> {
  const req = await createLocalReq({ user }, payload)
  const readRule = payload.collections['kpi-snapshots'].config.access.read
  if (!readRule || (await readRule({ req })) !== true) return null
  const dayList = chartDays(utcDay(now), days)
  const { docs } = await payload.find({
    collection: 'kpi-snapshots',
    where: { day: { greater_than_equal: dayList[0] } },
    limit: days * KPIS.length,
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return { days: dayList, series: kpiTrend(dayList, docs.map((d) => ({ day: d.day, kpi: d.kpi, value: d.value }))) }
}
