import { spawn, type ChildProcess } from 'node:child_process'
import type { Payload } from 'payload'

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
 * Database up (embedded unless DATABASE_URI is set), migrations applied, demo data when empty and asked for, then
 * `afterSeed` when this run seeded it (the browser tests arrange a little more).
 */
export async function bootDatabase({
  seedWhenEmpty,
  afterSeed,
}: {
  seedWhenEmpty: boolean
  afterSeed?: (payload: Payload) => Promise<void>
}): Promise<RunningDatabase> {
  const db = await ensureDatabase()
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const payload = await getPayload({ config })
  try {
    const { seeded } = await prepareDatabase(payload, { seedWhenEmpty })
    if (seeded) console.log('Seeded demo data.')
    if (seeded && afterSeed) await afterSeed(payload)
  } finally {
    await closePayload(payload)
  }
  return db
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
