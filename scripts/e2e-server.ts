/**
 * The app for browser tests: a fresh embedded Postgres (or DATABASE_URI), migrations, demo data, then `next start`
 * when E2E_USE_BUILD=1 (after `npm run build`, as CI does) or `next dev` otherwise.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'

import { startEmbeddedPostgres } from '../src/db/embedded'
import { bootDatabase, runWithDatabase } from './lib/app'

if (!process.env.DATABASE_URI) {
  const dataDir = path.resolve(process.cwd(), `.data/e2e-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  const fresh = await startEmbeddedPostgres({ dataDir, persistent: false })
  process.env.DATABASE_URI = fresh.uri
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
  const db = await bootDatabase({ seedWhenEmpty: true })
  start({ ...db, stop: fresh.stop })
} else {
  start(await bootDatabase({ seedWhenEmpty: true }))
}

function start(db: Parameters<typeof runWithDatabase>[0]) {
  const port = process.env.PORT ?? '3100'
  const mode = process.env.E2E_USE_BUILD === '1' ? 'start' : 'dev'
  runWithDatabase(db, process.execPath, ['node_modules/next/dist/bin/next', mode, '-p', port])
}
