/**
 * The Ops console's figures, read for a user through the collections' access rules: one COUNT per KPI and one
 * GROUP BY for the reminder chart, whatever the size of the tables.
 */
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TypedUser } from 'payload'

import {
  chartDays,
  KPIS,
  kpiListPath,
  outcomesByDay,
  QUEUE_CARDS,
  REMINDER_CHART_DAYS,
  REMINDER_OUTCOMES,
  type DayOutcomes,
  type KpiDefinition,
  type KpiKey,
  type QueueCardDefinition,
} from '../../domain/kpis'
import { localDate, zonedTimeToUtc } from '../../domain/zonedTime'
import { sqlOf } from '../../db/sql'

export type KpiFigure = KpiDefinition & { value: number; href: string }

/** Each KPI as the user may see it: `count` with the user's access (a customer would get their own rows only). */
export async function fulfillmentKpis(payload: Payload, user: TypedUser, adminRoute = '/admin'): Promise<KpiFigure[]> {
  return Promise.all(
    KPIS.map(async (kpi) => {
      const { totalDocs } = await payload.count({ collection: kpi.collection, where: kpi.where, user, overrideAccess: false })
      return { ...kpi, value: totalDocs, href: kpiListPath(kpi, adminRoute) }
    }),
  )
}

export type QueueCardFigure = QueueCardDefinition & { value: number }

/** The dashboard's queue cards (open disputes, failed captures), counted like the KPIs: one COUNT each, with the user's access. */
export async function queueCardCounts(payload: Payload, user: TypedUser): Promise<QueueCardFigure[]> {
  return Promise.all(
    QUEUE_CARDS.map(async (card) => {
      const { totalDocs } = await payload.count({ collection: card.collection, where: card.where, user, overrideAccess: false })
      return { ...card, value: totalDocs }
    }),
  )
}

/**
 * Each KPI over every record, for GET /api/metrics: the same definitions (KPIS) the Ops dashboard counts, read as the
 * system because a scrape acts for no user.
 */
export async function kpiCountsForSystem(payload: Payload): Promise<Record<KpiKey, number>> {
  const counts = await Promise.all(
    KPIS.map(async (kpi) => [kpi.key, (await payload.count({ collection: kpi.collection, where: kpi.where, overrideAccess: true })).totalDocs] as const),
  )
  return Object.fromEntries(counts) as Record<KpiKey, number>
}

export type ReminderChart = { timeZone: string; days: DayOutcomes[] }

/**
 * Reminders sent, failed and suppressed per local day over the last `days` days, in `timeZone`. Aggregated in SQL,
 * which Payload's query API cannot express; so the collection's read rule is asked first, and the fleet-wide figure
 * is given only to a user it lets read every reminder log (Ops). Anyone else gets null.
 */
export async function reminderOutcomesByDay(
  payload: Payload,
  user: TypedUser,
  { now = new Date(), days = REMINDER_CHART_DAYS, timeZone = 'UTC' }: { now?: Date; days?: number; timeZone?: string } = {},
): Promise<ReminderChart | null> {
  const req = await createLocalReq({ user }, payload)
  const readRule = payload.collections['reminder-logs'].config.access.read
  if (!readRule || (await readRule({ req })) !== true) return null

  const dayList = chartDays(localDate(now, timeZone), days)
  const from = zonedTimeToUtc(dayList[0], '00:00', timeZone).toISOString()
  const db = await sqlOf(req)
  // updated_at >= from is implied by the outcome instant (sent_at is written by an update) and lets the index help.
  const { rows } = await db.execute(sql`
    SELECT to_char(coalesce(sent_at, updated_at) AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, status::text AS status, count(*)::int AS count
    FROM reminder_logs
    WHERE status::text IN (${sql.join(REMINDER_OUTCOMES.map((s) => sql`${s}`), sql`, `)})
      AND updated_at >= ${from}::timestamptz
      AND coalesce(sent_at, updated_at) >= ${from}::timestamptz
    GROUP BY 1, 2`)
  return {
    timeZone,
    days: outcomesByDay(
      dayList,
      rows.map((r) => ({ day: String(r.day), status: String(r.status), count: Number(r.count) })),
    ),
  }
}
