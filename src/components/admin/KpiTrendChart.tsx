import { KPIS, niceCeiling, rebuildableFromAudit, type KpiKey, type KpiTrendSeries } from '@/domain/kpis'
import { HOUSEKEEPING_EVERY_MS } from '@/jobs/housekeeping'

const COLORS: Record<KpiKey, string> = {
  awaiting_schedule: '#2457c5',
  scheduled: '#1c7c4a',
  reminder_overdue: '#b42318',
  payout_pending: '#b26b00',
}

const W = 640
const H = 190
const M = { top: 12, right: 8, bottom: 30, left: 34 }

const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

/** A line per KPI, broken where a day has no snapshot; each point marked so a single day still shows. */
function path(points: { x: number; y: number | null }[]): string {
  let d = ''
  let pen = false
  for (const p of points) {
    if (p.y === null) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)} `
    pen = true
  }
  return d.trim()
}

const noHistory = KPIS.filter((k) => !rebuildableFromAudit(k)).map((k) => k.label)

/**
 * How the trend fills, said while days are missing: the worker's housekeeping takes the day's snapshot on its first
 * pass after 00:00 UTC (src/jobs/startWorker.ts), and the backfill rebuilds past days from the audit trail.
 */
function TrendHint({ taken, days }: { taken: number; days: number }) {
  if (taken >= days) return null
  const schedule = `the worker takes just after 00:00 UTC (within ${HOUSEKEEPING_EVERY_MS / 60_000} minutes of midnight, or when it starts later in the day)`
  return (
    <p className="jl-trend-hint" data-testid="kpi-trend-hint">
      {taken === 0 ? (
        <>
          No snapshots yet. The trend fills from a daily snapshot {schedule}; to fill the past {days} days now, run <code>npm run kpis:backfill</code>.
        </>
      ) : (
        <>
          Days without a snapshot are gaps. The trend fills from a daily snapshot {schedule}; <code>npm run kpis:backfill</code> fills the
          past {days} days from the audit trail{noHistory.length ? ` (all but ${noHistory.join(', ')}, which ${noHistory.length === 1 ? 'has' : 'have'} no history)` : ''}.
        </>
      )}
    </p>
  )
}

/**
 * The four KPIs over the last days as lines in plain SVG (server-rendered, nothing loaded from elsewhere), one
 * daily snapshot per point, with the numbers as a table for screen readers and copy-paste.
 */
export function KpiTrendChart({ days, series }: { days: string[]; series: KpiTrendSeries[] }) {
  const values = series.flatMap((s) => s.points.map((p) => p.value ?? 0))
  const max = niceCeiling(Math.max(1, ...values))
  const plotW = W - M.left - M.right
  const plotH = H - M.top - M.bottom
  const step = days.length > 1 ? plotW / (days.length - 1) : 0
  const x = (i: number) => M.left + i * step
  const y = (v: number) => M.top + plotH - (v / max) * plotH
  const taken = days.filter((_, i) => series.some((s) => s.points[i].value !== null)).length
  const range = days.length ? `${dayLabel(days[0])} – ${dayLabel(days[days.length - 1])}` : ''
  const latest = (s: KpiTrendSeries) => [...s.points].reverse().find((p) => p.value !== null)?.value

  return (
    <figure className="jl-chart" data-testid="kpi-trend">
      <figcaption>
        <strong>KPIs, last {days.length} days</strong>{' '}
        <span className="jl-muted">
          ({range}, UTC days; {taken} of {days.length} days have a snapshot)
        </span>
        <span className="jl-legend">
          {series.map((s) => (
            <span key={s.key} data-testid={`kpi-trend-${s.key}`}>
              <i style={{ background: COLORS[s.key] }} aria-hidden="true" /> {s.label} {latest(s) ?? '—'}
            </span>
          ))}
        </span>
      </figcaption>
      <TrendHint taken={taken} days={days.length} />
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`KPI snapshots over ${days.length} days: ${series.map((s) => `${s.label} ${latest(s) ?? 'no data'}`).join(', ')} on the latest day.`}
      >
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#e3e6ec" />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#5b6475">
              {Number.isInteger(v) ? v : v.toFixed(1)}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % 5 === days.length % 5 || i === days.length - 1 ? (
            <text key={d} x={x(i)} y={H - M.bottom + 14} textAnchor="middle" fontSize="10" fill="#5b6475">
              {d.slice(8)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <g key={s.key} data-kpi={s.key}>
            <path d={path(s.points.map((p, i) => ({ x: x(i), y: p.value === null ? null : y(p.value) })))} fill="none" stroke={COLORS[s.key]} strokeWidth="2" />
            {s.points.map((p, i) =>
              p.value === null ? null : (
                <circle key={p.day} cx={x(i)} cy={y(p.value)} r="2.5" fill={COLORS[s.key]}>
                  <title>{`${dayLabel(p.day)}: ${s.label} ${p.value}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
      </svg>
      <details>
        <summary>Show the numbers</summary>
        <table className="jl-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d}>
                <th scope="row">{d}</th>
                {series.map((s) => (
                  <td key={s.key}>{s.points[i].value ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
