import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
// the local Stripe fake, in the web server's process; the tests read what it was asked (tests/e2e/support.ts)
process.env.E2E_STRIPE_FAKE_PORT ??= String(port + 1)
// the static export's own host (tests/e2e/static-export.spec.ts): another origin, which the app must allow
process.env.E2E_STATIC_PORT ??= String(port + 2)
// the test mailbox: the app sends its mail to a real SMTP server in the web server's process, read on this port
process.env.E2E_MAIL_PORT ??= String(port + 3)
const staticOrigin = `http://localhost:${process.env.E2E_STATIC_PORT}`

/**
 * Single-process mode, so the happy path sees the worker send its reminder without a second process; and a visit may
 * be booked a few minutes ahead with a 2-minute reminder, so the happy path can book one, be reminded, and complete it
 * once it has started, all within a few minutes.
 */
const workerEnv = {
  RUN_WORKER_IN_WEB: 'true',
  REMINDER_QUIET_HOURS: 'off',
  REMINDER_POLL_INTERVAL_MS: '2000',
  SCHEDULE_MIN_NOTICE_MINUTES: '3',
  REMINDER_LEAD_MINUTES: '1440,2',
}
// the tests read these too (the happy path skips itself without a worker)
for (const [k, v] of Object.entries(workerEnv)) process.env[k] ??= v

/** Browser tests in Debian's Chromium (never a downloaded browser), against the app on a fresh embedded database. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
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
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    // next start runs with NODE_ENV=production, which requires a real secret: this one exists only for the test run
    env: { PORT: String(port), SERVER_URL: `http://localhost:${port}`, NEXT_TELEMETRY_DISABLED: '1', PAYLOAD_SECRET: 'e2e-only-secret-0123456789abcdef0123456789',
      ...workerEnv,
      E2E_STRIPE_FAKE_PORT: process.env.E2E_STRIPE_FAKE_PORT,
      SITE_ORIGINS: staticOrigin,
      E2E_MAIL_PORT: process.env.E2E_MAIL_PORT,
    },
    stdout: 'pipe',
  },
})
