/**
 * The app for browser tests: a fresh embedded Postgres (or DATABASE_URI), migrations, demo data, then `next start`
 * when E2E_USE_BUILD=1 (after `npm run build`, as CI does) or `next dev` otherwise. With E2E_STRIPE_FAKE_PORT the
 * local Stripe fake runs in this process on that port and the app is configured for it (scripts/lib/e2eStripe.ts);
 * with E2E_MAIL_PORT a test SMTP server receives the app's mail and serves it on that port (scripts/lib/e2eMail.ts).
 */
import { rmSync } from 'node:fs'
import path from 'node:path'

import { startEmbeddedPostgres } from '../src/db/embedded'
import { bootDatabase, runWithDatabase } from './lib/app'
import { startMailboxForE2E } from './lib/e2eMail'
import { holdCardForSeededDispute, startStripeFakeForE2E } from './lib/e2eStripe'

const stripePort = process.env.E2E_STRIPE_FAKE_PORT ? Number(process.env.E2E_STRIPE_FAKE_PORT) : undefined
if (stripePort !== undefined) await startStripeFakeForE2E(stripePort)
if (process.env.E2E_MAIL_PORT) await startMailboxForE2E(Number(process.env.E2E_MAIL_PORT))
const afterSeed = stripePort !== undefined ? holdCardForSeededDispute : undefined

if (!process.env.DATABASE_URI) {
  const dataDir = path.resolve(process.cwd(), `.data/e2e-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  const fresh = await startEmbeddedPostgres({ dataDir, persistent: false })
  process.env.DATABASE_URI = fresh.uri
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
  const db = await bootDatabase({ seedWhenEmpty: true, afterSeed })
  start({ ...db, stop: fresh.stop })
} else {
  start(await bootDatabase({ seedWhenEmpty: true, afterSeed }))
}

function start(db: Parameters<typeof runWithDatabase>[0]) {
  const port = process.env.PORT ?? '3100'
  const mode = process.env.E2E_USE_BUILD === '1' ? 'start' : 'dev'
  runWithDatabase(db, process.execPath, ['node_modules/next/dist/bin/next', mode, '-p', port])
}
