/** `npm run migrate`: applies the committed migrations to DATABASE_URI (or the embedded database). */
import { bootDatabase } from './lib/app'

const db = await bootDatabase({ seedWhenEmpty: false })
console.log('Migrations applied.')
await db.stop()
process.exit(0)
