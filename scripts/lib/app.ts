import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

import { closePayload } from '../../src/db/close'
import { ensureDatabase, type RunningDatabase } from '../../src/db/embedded'
import { prepareDatabase } from '../../src/db/prepare'
import { DEV_PASSWORD, DEV_USERS } from '../../src/seed'

export function printDevLogins() {
  console.log('\nDev logins (password for all: %s):', DEV_PASSWORD)
  for (const u of DEV_USERS) console.log(`  ${u.role.padEnd(9)} ${u.email}`)
  console.log('')
}

/**
 * Database up (embedded unless DATABASE_URI is set), migrations applied, demo data when empty and asked for.
 * `afterMigrate` runs once the schema is in place and before the demo data is written, so a caller can start the web
 * server meanwhile (seeding then overlaps its start-up).
 */
export async function bootDatabase({
  seedWhenEmpty,
  afterMigrate,
}: {
  seedWhenEmpty: boolean
  afterMigrate?: (db: RunningDatabase) => void
}): Promise<RunningDatabase> {
  const db = await ensureDatabase()
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const payload = await getPayload({ config })
  try {
    await prepareDatabase(payload, { seedWhenEmpty: false })
    afterMigrate?.(db)
    const { seeded } = await prepareDatabase(payload, { seedWhenEmpty })
    if (seeded) console.log('Seeded demo data.')
  } finally {
    await closePayload(payload)
  }
  return db
}

/**
 * Requests each path once as soon as the server answers, so `next dev` compiles them before anyone asks (the admin
 * is by far the largest route). Logs how long the admin took; failures are only logged.
 */
export async function warmUp(baseUrl: string, paths: string[], { timeoutMs = 180_000 } = {}): Promise<void> {
  const started = Date.now()
  const until = started + timeoutMs
  const get = (path: string) => fetch(`${baseUrl}${path}`, { redirect: 'manual' }).then((r) => r.status)
  const { hostname, port } = new URL(baseUrl)
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: hostname, port: Number(port) }, () => (socket.end(), resolve(true)))
      socket.on('error', () => resolve(false))
    })
  while (Date.now() < until && !(await listening())) await new Promise((r) => setTimeout(r, 200))
  await Promise.all(
    paths.map(async (path) => {
      try {
        const status = await get(path)
        console.log(`Jobline: ${path} compiled and answered ${status} ${((Date.now() - started) / 1000).toFixed(1)} s after start-up.`)
      } catch (error) {
        console.log(`Jobline: warming ${path} failed (${error instanceof Error ? error.message : String(error)}); it compiles on first visit.`)
      }
    }),
  )
}

/** Runs a child process and stops the database (and the child) on exit or on a signal. */
export function runWithDatabase(db: RunningDatabase, cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child: ChildProcess = spawn(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URI: db.uri, NEXT_TELEMETRY_DISABLED: '1', ...extraEnv },
  })
  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    if (child.exitCode === null) child.kill('SIGTERM')
    await db.stop().catch(() => {})
    process.exit(code)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0))
  child.on('exit', (code) => void stop(code ?? 0))
}
