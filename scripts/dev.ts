/**
 * `npm run dev`: embedded Postgres (unless DATABASE_URI), migrations, then `next dev` while the demo data is written on
 * first run; the health check and the admin are compiled in the background as soon as the server answers.
 */
import { bootDatabase, printDevLogins, runWithDatabase, warmUp } from './lib/app'

const port = process.env.PORT ?? '3000'
let serving = false
try {
  await bootDatabase({
    seedWhenEmpty: process.env.SEED_ON_EMPTY !== 'false',
    afterMigrate: (db) => {
      serving = true
      runWithDatabase(db, process.execPath, ['node_modules/next/dist/bin/next', 'dev', '-p', port])
      void warmUp(`http://127.0.0.1:${port}`, ['/api/health', '/admin/login'])
    },
  })
} catch (error) {
  console.error('Jobline: could not prepare the database:', error)
  // the server (if it started) and the embedded database stop with this process
  if (serving) process.kill(process.pid, 'SIGTERM')
  else process.exit(1)
}
printDevLogins()
console.log(`Jobline: http://localhost:${port}  (Ops console: http://localhost:${port}/admin)`)
