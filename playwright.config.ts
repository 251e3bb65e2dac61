import { defineConfig } from '@playwright/test'
import { readdirSync } from 'node:fs'

const port = Number(process.env.E2E_PORT ?? 3100)
// the local Stripe fake, in the web server's process; the tests read what it was asked (tests/e2e/support.ts)
process.env.E2E_STRIPE_FAKE_PORT ??= String(port + 1)
// the static export's own host (tests/e2e/static-export.spec.ts): another origin, which the app must allow
process.env.E2E_STATIC_PORT ??= String(port + 2)
// the test mailbox: the app sends its mail to a real SMTP server in the web server's process, read on this port
process.env.E2E_MAIL_PORT ??= String(port + 3)
const staticOrigin = `http://localhost:${process.env.E2E_STATIC_PORT}`

/**
 * Single-process mode, so the specs see the worker send reminders without a second process; and no wait measured in
 * minutes: a visit may be booked to start seconds ahead (no minimum notice), its reminder falls due 15 s before it
 * starts, and the worker looks every second — so a spec books a visit, is reminded and completes it once it has
 * started within about a minute (tests/e2e/support.ts, `secondsFromNow`, `untilStarted`).
 */
const workerEnv = {
  RUN_WORKER_IN_WEB: 'true',
  REMINDER_QUIET_HOURS: 'off',
  REMINDER_POLL_INTERVAL_MS: '1000',
  SCHEDULE_MIN_NOTICE_MINUTES: '0',
  REMINDER_LEAD_MINUTES: '1440,15s',
}
// the tests read these too (the happy path skips itself without a worker)
for (const [k, v] of Object.entries(workerEnv)) process.env[k] ??= v

/**
 * The specs share one app and its demo data, so they run in lanes: a lane's files run one after another in name order
 * (a later file may expect what an earlier one left, e.g. Bob's settings put back), and the lanes run side by side
 * because they touch different records and people. The specs that compare whole-system counts (the KPIs) must not
 * run beside anything that books or verifies a visit: with a production build (E2E_USE_BUILD=1, as CI runs) they get
 * a server and database of their own and run beside the lanes; under `next dev`, which allows one server per checkout,
 * they run last, alone, on the same one.
 */
const lanes = {
  // Pat's seeded job waiting for a time and his working hours: scheduling as the customer, then as the provider
  'seed-pat': ['admin-smoke', 'customer-scheduling', 'provider'],
  // Bob's notification settings and seeded visit, the seeded disputes: settings, Ops actions, the visit day
  'seed-bob': ['notification-preferences', 'ops-workbench', 'visit-day'],
  // specs that only read the seed or make records of their own (the dashboard's words and axe, not its counts)
  'own-data': ['access', 'account-calendar', 'offline', 'ops-dashboard', 'static-export'],
  // every page on a phone and a desktop (reads only), then the walks on people of their own (password reset, the phone walks)
  pages: ['pages', 'password-reset', 'people'],
}
const counted = ['happy-path', 'ops-console']
const spec = (name: string) => `**/${name}.spec.ts`
// a spec in no lane would silently never run
const unplaced = readdirSync('tests/e2e')
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => f.replace(/\.spec\.ts$/, ''))
  .filter((name) => ![...Object.values(lanes).flat(), ...counted].includes(name))
if (unplaced.length) throw new Error(`Put ${unplaced.join(', ')} in a lane of playwright.config.ts.`)

const laneProjects = Object.entries(lanes).map(([name, files]) => ({ name, testMatch: files.map(spec), workers: 1 }))
// workers take lanes in this order: the longest (every page twice over) first, so it does not end the run alone
const longestFirst = [...laneProjects.filter((p) => p.name === 'pages'), ...laneProjects.filter((p) => p.name !== 'pages')]
const countsApart = process.env.E2E_USE_BUILD === '1'
const countsPort = port + 10

/** The app on `appPort` with a fresh database and the demo data, its Stripe fake and test mailbox beside it. */
const server = (appPort: number, stripePort: string, mailPort: string) => ({
  command: 'npx tsx scripts/e2e-server.ts',
  url: `http://localhost:${appPort}/api/health`,
  timeout: 240_000,
  reuseExistingServer: false,
  // next start runs with NODE_ENV=production, which requires a real secret: this one exists only for the test run
  env: {
    PORT: String(appPort),
    SERVER_URL: `http://localhost:${appPort}`,
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_SECRET: 'e2e-only-secret-0123456789abcdef0123456789',
    ...workerEnv,
    // the server's output is part of the run's: warnings and errors only, so an ERROR there means something
    LOG_LEVEL: 'warn',
    E2E_STRIPE_FAKE_PORT: stripePort,
    SITE_ORIGINS: staticOrigin,
    E2E_MAIL_PORT: mailPort,
  },
  stdout: 'pipe' as const,
})

/** Browser tests in Debian's Chromium (never a downloaded browser), against the app on a fresh embedded database. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // three workers for five lanes: the counts lane first (its happy path waits for a visit to start) and the pages lane
  // next (the longest); the lanes' own waits (a reminder falling due, a visit starting) leave room for a third browser
  workers: 3,
  projects: countsApart
    ? [{ name: 'counts', testMatch: counted.map(spec), workers: 1, use: { baseURL: `http://localhost:${countsPort}` } }, ...longestFirst]
    : [...longestFirst, { name: 'counts', testMatch: counted.map(spec), workers: 1, dependencies: Object.keys(lanes) }],
  // the list as it runs, and a JSON report for `npm test`'s summary (scripts/test.ts)
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: [
    server(port, process.env.E2E_STRIPE_FAKE_PORT!, process.env.E2E_MAIL_PORT!),
    ...(countsApart ? [server(countsPort, String(countsPort + 1), String(countsPort + 3))] : []),
  ],
})
