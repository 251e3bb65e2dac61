/**
 * The Ops console's fulfillment figures, as definitions: which records each one counts and where its list lives.
 * Pure data and arithmetic; the counting is in src/services/kpis, through the collections' own access rules.
 */
import { addDays } from './zonedTime'

export type KpiKey = 'awaiting_schedule' | 'scheduled' | 'reminder_overdue' | 'payout_pending'

/** A filter the admin list and the Local API both understand: field path → equals value. */
export type KpiFilter = Record<string, { equals: string | boolean }>

/**
 * What a figure above zero says, so the dashboard colours only what is wrong: `neutral` (work in its normal course),
 * `warning` (waiting for Ops to act) or `error` (something went wrong). A figure at zero is always neutral.
 */
export type FigureTone = 'neutral' | 'warning' | 'error'

export type KpiDefinition = {
  key: KpiKey
  label: string
  /** One line: what a person should do about the number. */
  description: string
  collection: 'assignments' | 'payouts'
  where: KpiFilter
  /** How the figure reads when it is above zero (at zero it is neutral). */
  aboveZero: FigureTone
  /** Its series on GET /api/metrics, shown small under the words for people who also read the alerts. */
  metric: string
}

export const KPIS: readonly KpiDefinition[] = [
  {
    key: 'awaiting_schedule',
    label: 'Awaiting schedule',
    description: 'Accepted, no visit time agreed yet.',
    collection: 'assignments',
    where: { status: { equals: 'pending_schedule' } },
    aboveZero: 'neutral',
    metric: 'awaiting_schedule',
  },
  {
    key: 'scheduled',
    label: 'Scheduled',
    description: 'Visit booked, work not yet marked complete.',
    collection: 'assignments',
    where: { status: { equals: 'scheduled' } },
    aboveZero: 'neutral',
    metric: 'scheduled',
  },
  {
    key: 'reminder_overdue',
    label: 'Reminder overdue',
    description: 'The reminder worker flagged these: nobody acted in time.',
    collection: 'assignments',
    where: { 'reminders.overdue': { equals: true } },
    aboveZero: 'error',
    metric: 'reminder_overdue',
  },
  {
    key: 'payout_pending',
    label: 'Payouts to review',
    description: 'Verified work waiting for Ops to approve or reject the payout.',
    collection: 'payouts',
    where: { status: { equals: 'pending_review' } },
    aboveZero: 'warning',
    metric: 'payout_pending{status="pending_review"}',
  },
]

/**
 * The dashboard's cards for the Ops queues that are not KPIs (no daily snapshot, no trend): each counts what its tab
 * of `/admin/payouts` lists and links there.
 */
export type QueueCardKey = 'disputes_open' | 'captures_failed'
export type QueueCardDefinition = Omit<KpiDefinition, 'key' | 'metric'> & {
  key: QueueCardKey
  /** The tab of `/admin/payouts` that lists these records. */
  queue: 'disputes' | 'failed'
  /** Its series on GET /api/metrics, if it has one. */
  metric: string | null
}

export const QUEUE_CARDS: readonly QueueCardDefinition[] = [
  {
    key: 'disputes_open',
    label: 'Open disputes',
    description: 'Customers reported a problem with completed work; no money moves until Ops resolve it.',
    collection: 'assignments',
    where: { status: { equals: 'disputed' } },
    queue: 'disputes',
    aboveZero: 'warning',
    metric: null,
  },
  {
    key: 'captures_failed',
    label: 'Failed captures',
    description: 'Stripe refused the capture for good: retry while the card hold lasts, or send the payout to review.',
    collection: 'payouts',
    where: { status: { equals: 'failed' } },
    queue: 'failed',
    aboveZero: 'error',
    metric: 'payouts_failed',
  },
]

/** The tone a figure is shown in: its `aboveZero` tone when above zero, neutral at zero. */
export const figureTone = (figure: Pick<KpiDefinition, 'aboveZero'>, value: number): FigureTone => (value > 0 ? figure.aboveZero : 'neutral')

/** The admin list filtered to exactly what the figure counts: `/admin/collections/assignments?where[status][equals]=…`. */
export function kpiListPath(kpi: Pick<KpiDefinition, 'collection' | 'where'>, adminRoute = '/admin'): string {
  const query = Object.entries(kpi.where)
    .map(([field, { equals }]) => `where[${field}][equals]=${encodeURIComponent(String(equals))}`)
    .join('&')
  return `${adminRoute}/collections/${kpi.collection}?${query}`
}

/** What the reminder chart counts per day: the outcomes a reminder can end in. `pending` is still open, so not shown. */
export const REMINDER_OUTCOMES = ['sent', 'failed', 'suppressed'] as const
export type ReminderOutcome = (typeof REMINDER_OUTCOMES)[number]

export const REMINDER_CHART_DAYS = 14

/**
 * A reminder counts on the local day (in the viewer's zone) it reached its outcome: when it was sent, or for failed
 * and suppressed ones when that status was written (its last update).
 */
export type OutcomeCount = { day: string; status: string; count: number }
export type DayOutcomes = { day: string } & Record<ReminderOutcome, number>

/** The `days` local dates ending with `today` (YYYY-MM-DD), oldest first. */
export function chartDays(today: string, days = REMINDER_CHART_DAYS): string[] {
  return Array.from({ length: days }, (_, i) => addDays(today, i - days + 1))
}

/** One row per day, zeros where nothing happened; counts for other days or statuses are ignored. */
export function outcomesByDay(days: string[], counts: OutcomeCount[]): DayOutcomes[] {
  const rows = new Map(days.map((day) => [day, { day, sent: 0, failed: 0, suppressed: 0 } as DayOutcomes]))
  for (const c of counts) {
    const row = rows.get(c.day)
    if (row && (REMINDER_OUTCOMES as readonly string[]).includes(c.status)) row[c.status as ReminderOutcome] += c.count
  }
  return [...rows.values()]
}

/** A round axis maximum at or above `n` (1, 2, 5, 10, 20, 50, …), so gridlines fall on readable numbers. */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1
  const magnitude = 10 ** Math.floor(Math.log10(n))
  const step = [1, 2, 5, 10].find((s) => s * magnitude >= n) ?? 10
  return step * magnitude
}

/* ---- the daily snapshots and their 30-day trend ---- */

export const KPI_TREND_DAYS = 30

/** How a day's figure was found: counted by the worker on the day, or rebuilt later from the audit trail. */
export const KPI_SNAPSHOT_SOURCES = ['live', 'audit'] as const
export type KpiSnapshotSource = (typeof KPI_SNAPSHOT_SOURCES)[number]

/** The UTC date of an instant (YYYY-MM-DD): snapshots are kept per UTC day, one fleet-wide figure each. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10)

/** 00:00 UTC of a day: the instant a backfilled figure describes, and the one a day's live figure is taken just after. */
export const startOfUtcDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`)

/**
 * Which KPIs the audit trail can rebuild for a past instant: those that count records of one status (every status
 * move of every record has an audit row). The overdue flag is the worker's bookkeeping, not a move, so its past values
 * exist only where a live snapshot took them.
 */
export function rebuildableFromAudit(kpi: Pick<KpiDefinition, 'collection' | 'where'>): { entity: string; status: string } | null {
  const fields = Object.keys(kpi.where)
  if (fields.length !== 1 || fields[0] !== 'status') return null
  return { entity: kpi.collection, status: String(kpi.where.status.equals) }
}

export type KpiSnapshotRow = { day: string; kpi: string; value: number }
export type KpiTrendSeries = { key: KpiKey; label: string; points: { day: string; value: number | null }[] }

/** One series per KPI over `days`, oldest first; a day without a snapshot is null (a gap, not a zero). */
export function kpiTrend(days: string[], rows: readonly KpiSnapshotRow[]): KpiTrendSeries[] {
  const byKey = new Map(rows.map((r) => [`${r.kpi} ${r.day}`, r.value]))
  return KPIS.map((k) => ({ key: k.key, label: k.label, points: days.map((day) => ({ day, value: byKey.get(`${k.key} ${day}`) ?? null })) }))
}
