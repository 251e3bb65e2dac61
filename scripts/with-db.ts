/**
 * Runs a command with DATABASE_URI pointing at a database: the one already set, or the embedded Postgres in
 * .data/postgres, started for the command and stopped after it. `npm run migrate:create -- name` uses it.
 */
import { spawn } from 'node:child_process'

import { ensureDatabase } from '../src/db/embedded'

const [cmd, ...args] = process.argv.slice(2)
if (!cmd) {
  console.error('usage: tsx scripts/with-db.ts <command> [args...]')
  process.exit(2)
}
const db = await ensureDatabase()
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URI: db.uri }, shell: false })
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
await db.stop()
process.exit(code)
