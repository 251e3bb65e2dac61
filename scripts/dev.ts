/** `npm run dev`: embedded Postgres (unless DATABASE_URI), migrations, demo data on first run, then `next dev`. */
import { bootDatabase, printDevLogins, runWithDatabase } from './lib/app'

const db = await bootDatabase({ seedWhenEmpty: process.env.SEED_ON_EMPTY !== 'false' })
printDevLogins()
const port = process.env.PORT ?? '3000'
console.log(`Jobline: http://localhost:${port}  (Ops console: http://localhost:${port}/admin)`)
runWithDatabase(db, process.execPath, ['node_modules/next/dist/bin/next', 'dev', '-p', port])
