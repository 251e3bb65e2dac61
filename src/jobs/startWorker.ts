import cron from 'node-cron'
import type { Payload } from 'payload'

import type { ReminderSettings } from '../domain/reminderSettings'
import { STOPPED_AT } from '../domain/workerLiveness'
import { env } from '../env'
import { dbOf } from '../db/sql'
import { errorMessage, logLine } from '../services/notifications/log'
import { beat, pruneHeartbeats } from './heartbeat'
import { workerIdentity } from './identity'
import { WORKER_QUEUES } from './queues'
import { startRunner } from './runner'
import { runScan, type ScanResult } from './scan'
import { takeKpiSnapshot } from '../services/kpis/snapshots'
import { HOUSEKEEPING_EVERY_MS, queueHousekeeping } from './housekeeping'
import { startWebhookLanes } from './webhookLanes'

export type WorkerHandle = { stop: () => Promise<void> }

/**
 * The reminder worker inside an already initialised Payload: a node-cron tick every second that runs the scan and
 * writes the heartbeat once REMINDER_POLL_INTERVAL_MS has passed, REMINDER_WORKER_CONCURRENCY lanes running this
 * worker's queues, and the webhook lanes (src/jobs/webhookLanes.ts). With REMINDER_WORKER_ENABLED=false it says so and does nothing (no heartbeat either, so /api/health
 * does not pretend reminders run).
 */
export function startWorker(payload: Payload, settings: ReminderSettings = env().reminders): WorkerHandle {
  const me = workerIdentity()
  const queues = WORKER_QUEUES
  const publicSettings = { ...settings, quietHours: settings.quietHours ? `${settings.quietHours.startHour}-${settings.quietHours.endHour}` : 'off' }
  if (!settings.workerEnabled) {
    logLine('warn', 'worker.disabled', {
      workerId: me.id,
      message: 'REMINDER_WORKER_ENABLED=false: no reminder scan, no deliveries, no heartbeat. Set it to true to run reminders.',
    })
    return { stop: async () => {} }
  }
  logLine('info', 'worker.started', { workerId: me.id, queues, settings: publicSettings })

  const db = dbOf(payload)
  const stats = { scans: 0, lastScan: null as ScanResult | null, lastError: null as string | null }
  let lastTick = 0
  let stopped = false

  let lastHousekeeping = 0
  const scanOnce = async () => {
    if (stopped || Date.now() - lastTick < settings.pollIntervalMs) return
    lastTick = Date.now()
    try {
      await beat(db, me, { ...stats, concurrency: settings.workerConcurrency, queues })
      stats.lastScan = await runScan(payload, { settings, queues, onDispatched: () => runner.wake() })
      if (stats.lastScan.dispatched) runner.wake()
      stats.scans++
      stats.lastError = null
      // stopping meanwhile: queue nothing more that this worker's runner, stopping too, would leave waiting
      if (stopped) return
      for (const queue of queues) await payload.jobs.handleSchedules({ queue })
      if (!stopped && Date.now() - lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
        lastHousekeeping = Date.now()
        const housekeeping = await queueHousekeeping(payload)
        if (housekeeping.length) logLine('info', 'worker.housekeeping_queued', { workerId: me.id, tasks: housekeeping })
        // the day's KPI figures, once per UTC day for the whole fleet (a no-op read once they exist)
        const snapshot = await takeKpiSnapshot(payload)
        if (snapshot.written) logLine('info', 'worker.kpi_snapshot', { workerId: me.id, ...snapshot })
      }
      if (stats.scans % 100 === 1) await pruneHeartbeats(db)
      const { planned, overdue, swept, dispatched } = stats.lastScan
      const busy = Object.values(planned).some(Boolean) || overdue.flagged || overdue.cleared || swept || dispatched
      logLine(busy ? 'info' : 'debug', 'worker.scan', { workerId: me.id, ...stats.lastScan })
    } catch (error) {
      stats.lastError = errorMessage(error)
      logLine('error', 'worker.scan_failed', { workerId: me.id, error: stats.lastError })
    }
  }

  // a pass still running when the worker is stopped is awaited: otherwise its scan would go on writing after stop()
  // returned, and its work would land after the last heartbeat that says the worker stopped
  const inFlight = new Set<Promise<void>>()
  const tick = () => {
    const pass = scanOnce().finally(() => inFlight.delete(pass))
    inFlight.add(pass)
    return pass
  }

  const runner = startRunner(payload, {
    queues,
    concurrency: settings.workerConcurrency,
    idleMs: Math.min(1000, settings.pollIntervalMs),
  })
  // webhooks run on lanes of their own: a slow receiver never takes a reminder lane
  const webhooks = startWebhookLanes(payload, env().webhooks, me.id)
  const task = cron.schedule('* * * * * *', tick, { name: `reminder-scan-${me.id}`, noOverlap: true })
  void tick()

  return {
    stop: async () => {
      if (stopped) return
      stopped = true
      await task.stop()
      await task.destroy()
      await Promise.all(inFlight)
      await runner.stop()
      await webhooks.stop()
      await beat(db, me, { ...stats, [STOPPED_AT]: new Date().toISOString() }).catch(() => {})
      logLine('info', 'worker.stopped', { workerId: me.id, scans: stats.scans })
    },
  }
}

const RUNNING = Symbol.for('jobline.workerInWeb')

/**
 * Single-process development: with RUN_WORKER_IN_WEB=true the Next.js server runs the worker too (called from
 * payload.config's onInit). Never in scripts, tests or `next build`, and only once per process.
 */
export function startWorkerInWebIfConfigured(payload: Payload): void {
  const g = globalThis as { [RUNNING]?: WorkerHandle }
  if (!env().runWorkerInWeb || g[RUNNING]) return
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  logLine('info', 'worker.in_web', { message: 'RUN_WORKER_IN_WEB=true: this web process also runs the reminder worker.' })
  g[RUNNING] = startWorker(payload)
}
