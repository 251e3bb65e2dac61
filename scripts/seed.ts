/** `npm run seed`: migrations, then demo data if the database is empty (it never overwrites). */
import { bootDatabase, printDevLogins } from './lib/app'

const db = await bootDatabase({ seedWhenEmpty: true })
printDevLogins()
await db.stop()
process.exit(0)
