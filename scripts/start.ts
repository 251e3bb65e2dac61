/** `npm start`: the production server (after `npm run build`). Applies migrations first; seeds only if asked. */
import { bootDatabase, runWithDatabase } from './lib/app'

const db = await bootDatabase({ seedWhenEmpty: process.env.SEED_ON_EMPTY === 'true' })
const port = process.env.PORT ?? '3000'
runWithDatabase(db, process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port])
