import type { Payload, TypedUser } from 'payload'

import { figureTone, type FigureTone } from '@/domain/kpis'
import { env } from '@/env'
import { fulfillmentKpis, queueCardCounts, reminderOutcomesByDay } from '@/services/kpis'
import { kpiTrendFor } from '@/services/kpis/snapshots'
import { workerStatusFor, type WorkerStatusForOps } from '@/services/console/workerStatus'
import { ageText } from './age'
import { KpiTrendChart } from './KpiTrendChart'
import { queuePath } from './queues'
import { ReminderChart } from './ReminderChart'

/** The runbook section the worker banner points to (docs/M4-Reminder-Worker-Runbook.md). */
export const WORKER_RUNBOOK = { file: 'docs/M4-Reminder-Worker-Runbook.md', anchor: 'when-no-worker-is-running', title: 'When no worker is running' }

type Card = { key: string; label: string; description: string; value: number; href: string; tone: FigureTone; metric: string | null }

/** Said beside a figure that is not neutral, so the colour is never the only sign. */
const TONE_WORDS: Record<FigureTone, string | null> = { neutral: null, warning: 'Waiting for Ops', error: 'Needs action' }

function FigureCard({ card }: { card: Card }) {
  const descriptionId = `jl-kpi-${card.key}-about`
  return (
    <li className={`jl-kpi-card jl-tone-${card.tone}`} data-tone={card.tone}>
      <a href={card.href} className={`jl-kpi jl-kpi-${card.key}`} data-testid={`kpi-${card.key}`} aria-describedby={descriptionId}>
        <span className="jl-kpi-value" data-testid={`kpi-${card.key}-value`}>
          {card.value}
        </span>
        <span className="jl-kpi-label">{card.label}</span>
        {TONE_WORDS[card.tone] && <span className="jl-kpi-flag">{TONE_WORDS[card.tone]}</span>}
      </a>
      <p className="jl-kpi-about" id={descriptionId}>
        {card.description}
      </p>
      {card.metric && (
        <p className="jl-kpi-metric">
          Metric <code>{card.metric}</code>
        </p>
      )}
    </li>
  )
}

const ago = (at: Date, now: Date) => {
  const text = ageText(at, now)
  return text === 'just now' ? text : `${text} ago`
}

/** Said at the top when no worker beat recently: nothing is being sent, and how to start one. */
function WorkerBanner({ worker, now, disabledHere }: { worker: WorkerStatusForOps; now: Date; disabledHere: boolean }) {
  const lastSeen = !worker.lastBeatAt
    ? 'No worker has run on this database yet.'
    : worker.lastStopped
      ? `The last worker stopped ${ago(worker.lastBeatAt, now)}.`
      : `The last worker heartbeat was ${ago(worker.lastBeatAt, now)}.`
  return (
    <div className="jl-banner jl-banner-error" data-testid="worker-banner" role="region" aria-labelledby="jl-worker-banner-title">
      <p className="jl-banner-title" id="jl-worker-banner-title">
        Reminders are not being sent: no worker is running
      </p>
      <p>
        {lastSeen}{' '}
        {worker.pending > 0 && `${worker.pending} ${worker.pending === 1 ? 'notification is' : 'notifications are'} waiting to be sent. `}
        Start one next to the web app, with the same environment: <code>npm run worker</code>.
      </p>
      <p>
        What to check, in the runbook’s “{WORKER_RUNBOOK.title}”: <code>{`${WORKER_RUNBOOK.file}#${WORKER_RUNBOOK.anchor}`}</code>
      </p>
      {disabledHere && (
        <p>
          This app runs with <code>REMINDER_WORKER_ENABLED=false</code>: a worker started with the same environment stays idle. Set it to{' '}
          <code>true</code> for the worker.
        </p>
      )}
    </div>
  )
}

/**
 * Before the admin dashboard: whether a reminder worker is running (a banner when none beat recently), the fulfillment
 * KPIs and the Ops queues as cards — each in words, a link to the list it counts, coloured only when the figure says
 * something is wrong — then the reminder chart and, beside it, the KPIs' 30-day trend from their daily snapshots.
 * Rendered on the server for the signed-in user; everyone but Ops gets nothing (the admin is Ops-only anyway).
 */
export async function KpiDashboard({ payload, user }: { payload: Payload; user?: TypedUser | null }) {
  if (!user || (user as { role?: string }).role !== 'ops') return null
  const adminRoute = payload.config.routes.admin
  const timeZone = (user as { timeZone?: string | null }).timeZone ?? 'UTC'
  const now = new Date()
  const [kpis, queues, chart, trend, worker] = await Promise.all([
    fulfillmentKpis(payload, user, adminRoute),
    queueCardCounts(payload, user),
    reminderOutcomesByDay(payload, user, { timeZone, now }),
    kpiTrendFor(payload, user, { now }),
    workerStatusFor(payload, user, { now, withinMs: env().workerAliveWithinMs }),
  ])
  const cards: Card[] = [
    ...kpis.map((k) => ({ ...k, tone: figureTone(k, k.value) })),
    ...queues.map((q) => ({ ...q, href: queuePath(adminRoute, q.queue), tone: figureTone(q, q.value) })),
  ]
  return (
    <section className="jl-console" aria-labelledby="jl-kpi-title">
      <div className="jl-console-head">
        <h2 id="jl-kpi-title">Fulfillment at a glance</h2>
        <span className="jl-console-links">
          <a href={queuePath(adminRoute, 'review')}>Review payouts →</a> <a href={queuePath(adminRoute, 'disputes')}>Disputes →</a>
        </span>
      </div>
      {worker && !worker.running && <WorkerBanner worker={worker} now={now} disabledHere={!env().reminders.workerEnabled} />}
      {worker?.running && worker.lastBeatAt && (
        <p className="jl-worker-ok" data-testid="worker-status">
          Reminder worker running: last heartbeat {ago(worker.lastBeatAt, now)}.
        </p>
      )}
      <ul className="jl-kpis">
        {cards.map((card) => (
          <FigureCard key={card.key} card={card} />
        ))}
      </ul>
      <div className="jl-charts">
        {chart && <ReminderChart days={chart.days} timeZone={chart.timeZone} />}
        {trend && <KpiTrendChart days={trend.days} series={trend.series} />}
      </div>
    </section>
  )
}
