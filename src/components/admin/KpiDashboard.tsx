import type { Payload, TypedUser } from 'payload'

import { fulfillmentKpis, reminderOutcomesByDay } from '@/services/kpis'
import { kpiTrendFor } from '@/services/kpis/snapshots'
import { KpiTrendChart } from './KpiTrendChart'
import { queuePath } from './queues'
import { ReminderChart } from './ReminderChart'

/**
 * Before the admin dashboard: the fulfillment KPIs, each a link to the list it counts, the reminder chart and, beside
 * it, the KPIs' 30-day trend from their daily snapshots.
 * Rendered on the server for the signed-in user; everyone but Ops gets nothing (the admin is Ops-only anyway).
 */
export async function KpiDashboard({ payload, user }: { payload: Payload; user?: TypedUser | null }) {
  if (!user || (user as { role?: string }).role !== 'ops') return null
  const adminRoute = payload.config.routes.admin
  const timeZone = (user as { timeZone?: string | null }).timeZone ?? 'UTC'
  const [kpis, chart, trend] = await Promise.all([
    fulfillmentKpis(payload, user, adminRoute),
    reminderOutcomesByDay(payload, user, { timeZone }),
    kpiTrendFor(payload, user),
  ])
  return (
    <section className="jl-console" aria-labelledby="jl-kpi-title">
      <div className="jl-console-head">
        <h2 id="jl-kpi-title">Fulfillment at a glance</h2>
        <span className="jl-console-links">
          <a href={queuePath(adminRoute, 'review')}>Review payouts →</a> <a href={queuePath(adminRoute, 'disputes')}>Disputes →</a>
        </span>
      </div>
      <ul className="jl-kpis">
        {kpis.map((k) => (
          <li key={k.key}>
            <a href={k.href} className={`jl-kpi jl-kpi-${k.key}`} data-testid={`kpi-${k.key}`} title={k.description}>
              <span className="jl-kpi-value" data-testid={`kpi-${k.key}-value`}>
                {k.value}
              </span>
              <span className="jl-kpi-label">{k.label}</span>
              <span className="jl-kpi-key">{k.key}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="jl-charts">
        {chart && <ReminderChart days={chart.days} timeZone={chart.timeZone} />}
        {trend && <KpiTrendChart days={trend.days} series={trend.series} />}
      </div>
    </section>
  )
}
