import type { Endpoint } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { env } from '../env'
import { WORKER_QUEUES } from '../jobs/queues'
import { readWorkerStatus } from '../metrics/snapshot'
import { dbOf } from '../db/sql'
import { documented, int, nullable, num, obj, str } from '../openapi/declare'
import { errorMessage } from '../services/notifications/log'

const HEALTH = obj(
  {
    status: str('`ok` or `unavailable`.'),
    database: str('`up` or `down`.'),
    databaseLatencyMs: num(),
    worker: obj({ status: str('ok, never_seen, disabled or stale.'), lastHeartbeatAt: nullable(str()), heartbeatAgeSeconds: nullable(num()), staleAfterSeconds: num(), workersAlive: int() }),
    queueDepth: int(),
    pendingReminders: int(),
    oldestDueReminderAgeSeconds: num(),
    error: str(),
  },
  ['status', 'database'],
)

/**
 * GET /api/health: is the database reachable, and is the reminder worker alive.
 *
 * 200 when the database answers and either a worker beat within 3 × REMINDER_POLL_INTERVAL_MS, or no worker ever
 * wrote a heartbeat (a fresh install, or a web process with no worker deployed yet: the web itself is fine, and the
 * `worker_heartbeat_age_seconds` metric, +Inf then, is what alerts), or REMINDER_WORKER_ENABLED=false (no worker
 * expected). 503 when the database is down or every worker that used to beat went quiet — reminders have stopped.
 * `?scope=web` checks the database only: use it for a load balancer, so a stopped worker never takes the site down.
 */
const health: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const started = Date.now()
    const config = env()
    const db = dbOf(req.payload)
    let database: 'up' | 'down' = 'down'
    let error: string | undefined
    try {
      await db.execute(sql`select 1`)
      database = 'up'
    } catch (e) {
      error = errorMessage(e)
    }
    const databaseLatencyMs = Date.now() - started
    const headers = { 'cache-control': 'no-store' }
    if (database === 'down') {
      return Response.json({ status: 'unavailable', database, databaseLatencyMs, error }, { status: 503, headers })
    }
    if (new URL(req.url ?? 'http://x/').searchParams.get('scope') === 'web') {
      return Response.json({ status: 'ok', database, databaseLatencyMs }, { status: 200, headers })
    }

    const { pollIntervalMs, workerEnabled } = config.reminders
    const staleAfterSeconds = (3 * pollIntervalMs) / 1000
    const w = await readWorkerStatus(db, { pollIntervalMs, queues: WORKER_QUEUES })
    const workerState = !workerEnabled
      ? 'disabled'
      : w.heartbeatAgeSeconds === null
        ? 'never_seen'
        : w.heartbeatAgeSeconds > staleAfterSeconds
          ? 'stale'
          : 'ok'
    const ok = workerState !== 'stale'
    return Response.json(
      {
        status: ok ? 'ok' : 'unavailable',
        database,
        databaseLatencyMs,
        worker: {
          status: workerState,
          lastHeartbeatAt: w.lastHeartbeatAt,
          heartbeatAgeSeconds: w.heartbeatAgeSeconds === null ? null : Math.round(w.heartbeatAgeSeconds * 10) / 10,
          staleAfterSeconds,
          workersAlive: w.workersAlive,
        },
        queueDepth: w.queueDepth,
        pendingReminders: w.pendingReminders,
        oldestDueReminderAgeSeconds: Math.round(w.oldestDueReminderAgeSeconds),
        ...(ok ? {} : { error: `No worker heartbeat for ${Math.round(w.heartbeatAgeSeconds ?? 0)} s (more than ${staleAfterSeconds} s): reminders are not going out.` }),
      },
      { status: ok ? 200 : 503, headers },
    )
  },
}

export const healthEndpoint: Endpoint = documented(health, {
  tag: 'Operations',
  auth: 'none',
  summary: 'Is the database reachable, and is the reminder worker alive',
  description: '`?scope=web` checks the database only (for a load balancer). `cache-control: no-store`.',
  params: [{ name: 'scope', in: 'query', description: '`web`: the database only.', schema: { type: 'string', enum: ['web'] } }],
  responses: {
    200: { description: 'The database answers and the worker is `ok`, `never_seen` or `disabled`.', schema: HEALTH },
    503: { description: 'The database is down, or every worker that used to beat went quiet (`error` says which).', schema: HEALTH },
  },
})
