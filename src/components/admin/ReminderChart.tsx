import { niceCeiling, REMINDER_OUTCOMES, type DayOutcomes, type ReminderOutcome } from '@/domain/kpis'

const COLORS: Record<ReminderOutcome, string> = { sent: '#1c7c4a', suppressed: '#98a1b3', failed: '#b42318' }
const LABELS: Record<ReminderOutcome, string> = { sent: 'Sent', suppressed: 'Suppressed', failed: 'Failed' }
// drawn bottom to top
const STACK: ReminderOutcome[] = ['sent', 'suppressed', 'failed']

const W = 640
const H = 190
const M = { top: 12, right: 8, bottom: 30, left: 34 }

const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

/** Reminders per day as stacked bars in plain SVG, with the numbers as a table for screen readers and copy-paste. */
export function ReminderChart({ days, timeZone }: { days: DayOutcomes[]; timeZone: string }) {
  const totals = Object.fromEntries(REMINDER_OUTCOMES.map((o) => [o, days.reduce((n, d) => n + d[o], 0)])) as Record<ReminderOutcome, number>
  const max = niceCeiling(Math.max(1, ...days.map((d) => d.sent + d.failed + d.suppressed)))
  const plotW = W - M.left - M.right
  const plotH = H - M.top - M.bottom
  const slot = plotW / days.length
  const barW = Math.max(4, slot * 0.66)
  const y = (v: number) => M.top + plotH - (v / max) * plotH
  const range = days.length ? `${dayLabel(days[0].day)} – ${dayLabel(days[days.length - 1].day)}` : ''

  return (
    <figure className="jl-chart" data-testid="reminder-chart">
      <figcaption>
        <strong>Reminders, last {days.length} days</strong> <span className="jl-muted">({range}, days in {timeZone})</span>
        <span className="jl-legend">
          {STACK.map((o) => (
            <span key={o} data-testid={`reminders-${o}`}>
              <i style={{ background: COLORS[o] }} aria-hidden="true" /> {LABELS[o]} {totals[o]}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Reminders over ${days.length} days: ${totals.sent} sent, ${totals.failed} failed, ${totals.suppressed} suppressed.`}>
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#e3e6ec" />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#5b6475">
              {Number.isInteger(v) ? v : v.toFixed(1)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = M.left + i * slot + (slot - barW) / 2
          let base = 0
          return (
            <g key={d.day}>
              <title>{`${dayLabel(d.day)}: ${d.sent} sent, ${d.failed} failed, ${d.suppressed} suppressed`}</title>
              {STACK.map((o) => {
                if (!d[o]) return null
                const top = y(base + d[o])
                const rect = <rect key={o} x={x} width={barW} y={top} height={y(base) - top} fill={COLORS[o]} />
                base += d[o]
                return rect
              })}
              <text x={x + barW / 2} y={H - M.bottom + 14} textAnchor="middle" fontSize="10" fill="#5b6475">
                {d.day.slice(8)}
              </text>
            </g>
          )
        })}
      </svg>
      <details>
        <summary>Show the numbers</summary>
        <table className="jl-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {STACK.map((o) => (
                <th scope="col" key={o}>
                  {LABELS[o]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {STACK.map((o) => (
                  <td key={o}>{d[o]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
