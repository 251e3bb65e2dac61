import { rmSync } from 'node:fs'
import path from 'node:path'

import { startEmbeddedPostgres } from '../../src/db/embedded'

/**
 * One real Postgres per test run: the embedded one (fresh, in .data/test-<pid>), or the server in DATABASE_URI.
 * Each test file then creates its own database on it (tests/helpers/app.ts).
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URI) {
    const url = new URL(process.env.DATABASE_URI)
    url.pathname = ''
    process.env.TEST_PG_SERVER = url.toString().replace(/\/$/, '')
    return
  }
  const dataDir = path.resolve(process.cwd(), `.data/test-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  const db = await startEmbeddedPostgres({ dataDir, database: 'postgres', persistent: false })
  process.env.TEST_PG_SERVER = db.serverUri
  ;(globalThis as { __JOBLINE_TEST_DB__?: unknown }).__JOBLINE_TEST_DB__ = { db, dataDir }
}
