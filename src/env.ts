import { parseReminderSettings, REMINDER_SETTING_DOCS, type ReminderSettings } from './domain/reminderSettings'
import { workerAliveWithinMs } from './domain/workerLiveness'

/**
 * The one place configuration is read from the environment. Every variable is validated here, at boot, and a bad
 * value fails with the variable's name and what is expected. What each one means is in ENV_DOCS below (and
 * REMINDER_SETTING_DOCS for the worker's), from which docs/configuration.md is generated.
 */

export const ENV_SECTIONS = ['Server', 'Database', 'Email', 'Scheduling', 'Payments', 'Requests and sign-in', 'Reminder worker', 'Webhooks', 'Metrics and logs', 'Development and tests'] as const

export type EnvVarDoc = {
  name: string
  section: (typeof ENV_SECTIONS)[number]
  /** The value an unset variable stands for, written as you would set it (a unit test checks setting it changes nothing). */
  default?: string
  /** What unset means, when no value stands for it. */
  unset?: string
  /** Bounds of a whole number (checked by the same test). */
  min?: number
  max?: number
  meaning: string
}

/**
 * Every environment variable the app reads — here, in the scripts or anywhere in src/ — with its meaning. Add a
 * variable here when you read one; `npm run generate:config-docs` rewrites docs/configuration.md, and a unit test fails when
 * a variable is read but not listed, listed but never read, or the reference is stale.
 */
export const ENV_DOCS: readonly EnvVarDoc[] = [
  {
    name: 'NODE_ENV',
    section: 'Server',
    unset: 'development',
    meaning:
      '`production` turns on the production rules: `PAYLOAD_SECRET` required, `STRIPE_API_BASE` refused (but for a loopback fake with a test key), `WEBHOOKS_ALLOW_PRIVATE` refused, template previews for Ops only, no GraphQL playground.',
  },
  {
    name: 'SERVER_URL',
    section: 'Server',
    default: 'http://localhost:3000',
    meaning: 'Public URL of the app: links in emails and calendar feeds, and the CSRF origin.',
  },
  {
    name: 'SITE_ORIGINS',
    section: 'Server',
    unset: 'only `SERVER_URL`\'s own origin',
    meaning:
      'Comma-separated origins (`https://jobs.example.com,http://localhost:3200`: scheme, host and port, no path) of sites served from elsewhere that call the API from the browser, such as the static export ([ui.md](ui.md#static-export)). Each is allowed by CORS with credentials and by the CSRF check, so the session cookie works from there.',
  },
  {
    name: 'SESSION_COOKIE_SAMESITE',
    section: 'Requests and sign-in',
    default: 'Lax',
    meaning:
      '`Lax`, `Strict` or `None`: the `SameSite` attribute of the `payload-token` session cookie. `Lax` works for a site on the same registrable domain as the API (another port or subdomain); a static site on another domain needs `None`, which requires Secure cookies (an https `SERVER_URL` in production) ([ui.md](ui.md#static-export)).',
  },
  {
    name: 'NEXT_PUBLIC_API_URL',
    section: 'Server',
    unset: 'the page\'s own origin',
    meaning:
      '**Build time**, for `npm run build:static`: the origin of the app server the exported site calls for `/api/*` (and links to for `/admin`), e.g. `https://app.example.com`. Next inlines it into the browser code when it builds; add the site\'s origin to `SITE_ORIGINS` on the server.',
  },
  { name: 'PORT', section: 'Server', default: '3000', meaning: 'HTTP port of `npm run dev` and `npm start` (the browser tests\' server defaults to 3100).' },
  {
    name: 'PAYLOAD_SECRET',
    section: 'Server',
    unset: 'a development-only value',
    meaning: 'Signs sessions and tokens; sub-keys derived from it (HKDF) encrypt webhook signing secrets and sign the one-tap links of reminder emails (changing it voids links already sent). Required, at least 32 characters, when `NODE_ENV=production`.',
  },
  {
    name: 'SEED_ON_EMPTY',
    section: 'Server',
    unset: '`npm run dev` seeds an empty database, `npm start` does not',
    meaning: '`true`: write the demo data when the database has no users (never over existing data); `false`: never.',
  },
  {
    name: 'RUN_WORKER_IN_WEB',
    section: 'Server',
    default: 'false',
    meaning: '`true`: the web server also runs the reminder worker (single-process development only, never in production).',
  },
  {
    name: 'WORKER_ALIVE_WITHIN_SECONDS',
    section: 'Reminder worker',
    unset: '120 (2 minutes), or twice `REMINDER_POLL_INTERVAL_MS` when that is longer',
    min: 10,
    max: 86_400,
    meaning:
      'How recently a reminder worker must have beaten for the Ops dashboard to count it as running; past it the dashboard says "Reminders are not being sent: no worker is running". A worker inside the web process (`RUN_WORKER_IN_WEB=true`) counts. Keep it above `REMINDER_POLL_INTERVAL_MS`, the pause between beats. (`/api/health` has its own rule: 3 × the poll interval.)',
  },
  {
    name: 'DATABASE_URI',
    section: 'Database',
    unset: 'an embedded Postgres in `EMBEDDED_PG_DIR`',
    meaning: 'Postgres connection string, e.g. `postgres://jobline:secret@db:5432/jobline`.',
  },
  {
    name: 'EMBEDDED_PG_DIR',
    section: 'Database',
    default: '.data/postgres',
    meaning: 'Where the embedded Postgres keeps its data when `DATABASE_URI` is unset (relative to the working directory).',
  },
  {
    name: 'SMTP_URL',
    section: 'Email',
    unset: 'emails are rendered and logged (`email.logged`), not sent',
    meaning:
      'SMTP server for notifications, e.g. `smtp://user:pass@mail.example.com:587` (nodemailer\'s URL options, such as `?requireTLS=true`, apply). Each process sends over a pool of up to 5 connections kept open between messages (`?maxConnections=<n>` changes it).',
  },
  { name: 'EMAIL_FROM', section: 'Email', default: 'Jobline <no-reply@jobline.local>', meaning: 'Sender address of notifications.' },
  { name: 'EMAIL_FROM_NAME', section: 'Email', default: 'Jobline', meaning: 'Sender name of notifications.' },
  {
    name: 'SCHEDULE_MIN_NOTICE_MINUTES',
    section: 'Scheduling',
    default: '120',
    min: 0,
    max: 60 * 24 * 30,
    meaning: 'A proposed visit window must start at least this far ahead.',
  },
  { name: 'SCHEDULE_MIN_WINDOW_MINUTES', section: 'Scheduling', default: '30', min: 5, max: 24 * 60, meaning: 'Shortest visit window.' },
  { name: 'SCHEDULE_MAX_WINDOW_MINUTES', section: 'Scheduling', default: '720', min: 5, max: 24 * 60, meaning: 'Longest visit window.' },
  { name: 'SCHEDULE_MAX_DAYS_AHEAD', section: 'Scheduling', default: '180', min: 1, max: 730, meaning: 'A window must end within this many days.' },
  {
    name: 'STRIPE_SECRET_KEY',
    section: 'Payments',
    unset: 'verified jobs create payouts for Ops to approve by hand',
    meaning:
      '`sk_test_…`, `sk_live_…` or a restricted `rk_…` key. With it, the card is held at quote acceptance and captured after verification ([payments.md](payments.md)).',
  },
  {
    name: 'STRIPE_API_BASE',
    section: 'Payments',
    unset: 'api.stripe.com',
    meaning:
      '**Development and tests only** (refused when `NODE_ENV=production`, except for a loopback address with a `sk_test_`/`rk_test_` key, as the browser tests use): an `http(s)://host:port` the Stripe SDK talks to instead, e.g. a local fake or stripe-mock.',
  },
  {
    name: 'AUTO_VERIFY_DAYS',
    section: 'Payments',
    default: '0',
    min: 0,
    max: 365,
    meaning: 'Completed and undisputed for this many days → verified by the system; `0` turns it off.',
  },
  { name: 'CAPTURE_MAX_ATTEMPTS', section: 'Payments', default: '5', min: 1, max: 20, meaning: 'Capture attempts before the payout fails.' },
  {
    name: 'CAPTURE_RETRY_BASE_MS',
    section: 'Payments',
    default: '30000',
    min: 10,
    max: 3_600_000,
    meaning: 'The first capture retry delay; it doubles each attempt, ±20 % jitter, capped at 6 hours.',
  },
  {
    name: 'MAX_BODY_BYTES',
    section: 'Requests and sign-in',
    default: '1048576',
    min: 1024,
    max: 64 * 1_048_576,
    meaning: 'Largest request body any REST or GraphQL route accepts (413 past it): [api.md](api.md#input-rules-and-limits).',
  },
  {
    name: 'TRUSTED_PROXY_HOPS',
    section: 'Requests and sign-in',
    default: '0',
    min: 0,
    max: 10,
    meaning:
      'Proxies in front of the app whose `X-Forwarded-For` entries are trusted for the client address (sign-in throttling); `0`: the connection\'s peer. Behind one load balancer that appends the header: `1`. `next start` cannot see the peer, so without a proxy a client can pick its own address (the per-account limits still hold).',
  },
  {
    name: 'AUTH_THROTTLE_WINDOW_SECONDS',
    section: 'Requests and sign-in',
    default: '900',
    min: 10,
    max: 86_400,
    meaning: 'Window of the sign-in, sign-up and password-reset throttle (429 with `Retry-After`): [decision 0002](decisions/0002-auth-throttle.md).',
  },
  {
    name: 'AUTH_THROTTLE_PER_ACCOUNT',
    section: 'Requests and sign-in',
    default: '10',
    min: 1,
    max: 100_000,
    meaning: 'Failed sign-ins (and sign-up or reset attempts) per e-mail from one address per window; from all addresses together 10 × this.',
  },
  {
    name: 'AUTH_THROTTLE_PER_ADDRESS',
    section: 'Requests and sign-in',
    default: '100',
    min: 1,
    max: 1_000_000,
    meaning: 'The same per client address, across e-mails.',
  },
  {
    name: 'WEBHOOKS_ALLOW_PRIVATE',
    section: 'Webhooks',
    default: 'false',
    meaning:
      '**Development and tests only** (refused when `NODE_ENV=production`): `true` lets webhook endpoints be loopback, private or link-local addresses (a receiver on `localhost`). Otherwise such URLs are refused on save (400 `url`) and every delivery resolves the host and refuses to connect to such an address at send time.',
  },
  {
    name: 'WEBHOOK_TIMEOUT_MS',
    section: 'Webhooks',
    default: '10000',
    min: 100,
    max: 10_000,
    meaning: 'How long a receiver has to answer (connect, headers and up to 4 KB of body); a 2xx within it is delivered, anything later is a failed attempt (`timeout`).',
  },
  {
    name: 'WEBHOOK_RETRY_BASE_MS',
    section: 'Webhooks',
    default: '10000',
    min: 10,
    max: 3_600_000,
    meaning: 'The first retry delay after a failed delivery; each later one doubles, ±20 % jitter, capped at one hour.',
  },
  {
    name: 'WEBHOOK_RETRY_HOURS',
    section: 'Webhooks',
    default: '24',
    min: 24,
    max: 168,
    meaning:
      'How long a failing delivery is retried (from when it was queued or redelivered) before it ends `dead`; an endpoint that accepted nothing in that time is disabled and Ops alerted.',
  },
  {
    name: 'WEBHOOK_DISABLE_AFTER_FAILURES',
    section: 'Webhooks',
    default: '50',
    min: 1,
    max: 100_000,
    meaning: 'Consecutive failed attempts after which an endpoint is disabled (its pending deliveries end `dead`) and Ops alerted.',
  },
  {
    name: 'WEBHOOK_CONCURRENCY',
    section: 'Webhooks',
    default: '4',
    min: 1,
    max: 64,
    meaning:
      'Endpoints one worker delivers to at the same time: its webhook lanes, apart from the reminder lanes, so a slow receiver never holds up reminders. Each lane sends to one endpoint, up to 4 events at once.',
  },
  {
    name: 'WEBHOOK_BATCH_SIZE',
    section: 'Webhooks',
    default: '50',
    min: 1,
    max: 1000,
    meaning: 'Deliveries one lane claims for an endpoint in one round (one per record: a later version of a record waits for the earlier one).',
  },
  {
    name: 'WEBHOOK_LEASE_MS',
    section: 'Webhooks',
    default: '60000',
    min: 1000,
    max: 3_600_000,
    meaning:
      'How long a claimed delivery (or a running delivery job) may stay claimed before another worker takes it over: a worker killed mid-send loses nothing, its deliveries go out again after this. A send is abandoned after `WEBHOOK_TIMEOUT_MS` or half of it, whichever is shorter.',
  },
  {
    name: 'WEBHOOK_POLL_INTERVAL_MS',
    section: 'Webhooks',
    default: '1000',
    min: 50,
    max: 60_000,
    meaning: 'How often a worker looks for due deliveries (new events, retries whose time came).',
  },
  {
    name: 'METRICS_TOKEN',
    section: 'Metrics and logs',
    unset: '`GET /api/metrics` is open outside production and refused (403) in production',
    meaning: 'Bearer token for `GET /api/metrics` (at least 16 characters). Set it in production.',
  },
  {
    name: 'LOG_LEVEL',
    section: 'Metrics and logs',
    default: 'info',
    meaning:
      'Least severe log line written, in our JSON lines and in Payload\'s own log alike: `debug`, `info`, `warn` or `error`. At thousands of reminders a second, `warn` keeps the per-message `notification.sent` lines out; `reminder-logs` still records every one. A refused request (a 4xx) is an `info` line, so `error` means something went wrong on the server.',
  },
  {
    name: 'JOBLINE_LOGS',
    section: 'Development and tests',
    unset: 'under Jest our JSON lines are silent and Payload\'s log goes to `test-results/logs/payload-<pid>.log`',
    meaning: '`1`: write both to the terminal during tests too (they assert on answers and tables, not on the log).',
  },
  {
    name: 'E2E_USE_BUILD',
    section: 'Development and tests',
    unset: 'the browser tests run against `next dev`',
    meaning: '`1`: the browser tests serve the production build (`next start`, after `npm run build`), as CI does.',
  },
  {
    name: 'E2E_STRIPE_FAKE_PORT',
    section: 'Development and tests',
    unset: 'the browser tests\' app runs without Stripe',
    meaning:
      'A port: the browser tests\' server (`scripts/e2e-server.ts`) starts the local Stripe fake there and runs the app with `STRIPE_SECRET_KEY` and `STRIPE_API_BASE` pointing at it, holding a card for the seeded dispute. `playwright.config.ts` sets it to the app\'s port + 1.',
  },
  {
    name: 'E2E_MAIL_PORT',
    section: 'Development and tests',
    unset: 'the browser tests\' app logs its mail instead of sending it',
    meaning:
      'A port: the browser tests\' server (`scripts/e2e-server.ts`) starts a real SMTP server, runs the app with `SMTP_URL` pointing at it, and serves what it received at `GET http://127.0.0.1:<port>/_mail/messages` (`scripts/lib/e2eMail.ts`). `playwright.config.ts` sets it to the app\'s port + 3.',
  },
]

/** Read by Next.js for itself; not configuration. */
export const NEXT_INTERNAL_VARIABLES = ['NEXT_PHASE', 'NEXT_RUNTIME'] as const

/** The whole configuration reference: ENV_DOCS and the reminder worker's settings, in one list. */
export const configurationReference = (): readonly EnvVarDoc[] => [
  ...ENV_DOCS,
  ...REMINDER_SETTING_DOCS.map((d): EnvVarDoc => ({ ...d, section: 'Reminder worker' })),
]

/**
 * `SITE_ORIGINS`: comma-separated origins, each exactly `scheme://host[:port]` (what a browser sends as `Origin`), so
 * CORS and CSRF compare like with like. A path, a query or a non-http scheme is a mistake worth stopping for.
 */
export function parseOrigins(name: string, value: string | undefined): { origins: string[]; problems: string[] } {
  const origins: string[] = []
  const problems: string[] = []
  for (const raw of (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)) {
    let u: URL | undefined
    try {
      u = new URL(raw)
    } catch {
      // reported below
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== raw.replace(/\/$/, '')) {
      problems.push(`${name} must be comma-separated origins such as https://jobs.example.com or http://localhost:3200, with no path (got "${raw}")`)
      continue
    }
    if (!origins.includes(u.origin)) origins.push(u.origin)
  }
  return { origins, problems }
}

export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'EnvError'
  }
}

type Source = Record<string, string | undefined>

export function readEnv(source: Source = process.env) {
  const problems: string[] = []
  const isProduction = source.NODE_ENV === 'production'

  const str = (name: string, fallback: string): string => {
    const v = source[name]
    return v === undefined || v === '' ? fallback : v
  }
  const url = (name: string, fallback: string | undefined): string | undefined => {
    const v = source[name] || fallback
    if (v === undefined) return undefined
    try {
      new URL(v)
      return v
    } catch {
      problems.push(`${name} must be a URL (got "${v}")`)
      return fallback
    }
  }

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = source[name]
    if (v === undefined || v === '') return fallback
    const n = Number(v)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`)
      return fallback
    }
    return n
  }

  const secret = source.PAYLOAD_SECRET
  // `next build` runs with NODE_ENV=production but serves nothing: the secret is checked when the server starts.
  const isBuild = source.NEXT_PHASE === 'phase-production-build'
  if (isProduction && !isBuild && (!secret || secret.length < 32)) {
    problems.push('PAYLOAD_SECRET must be set to at least 32 characters in production')
  }

  // Stripe: without a key payouts go to Ops for manual approval. STRIPE_API_BASE points the SDK at a local fake
  // (development and tests only); production always talks to api.stripe.com.
  const stripeSecretKey = source.STRIPE_SECRET_KEY || undefined
  if (stripeSecretKey && !/^(sk|rk)_(test|live)_\S+$/.test(stripeSecretKey)) {
    problems.push('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_..., sk_live_..., rk_...)')
  }
  const stripeApi = (() => {
    const v = source.STRIPE_API_BASE
    if (!v) return undefined
    let u: URL
    try {
      u = new URL(v)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol')
    } catch {
      problems.push(`STRIPE_API_BASE must be an http(s) URL such as http://127.0.0.1:12111 (got "${v}")`)
      return undefined
    }
    // a production build may talk to a fake only on this machine and with a test key, where no real money can move
    // (the browser tests run `next start` against the local Stripe fake); anything else is a mistake in production
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
    if (isProduction && !isBuild && !(loopback && /^(sk|rk)_test_/.test(stripeSecretKey ?? ''))) {
      problems.push('STRIPE_API_BASE is for development and tests only: unset it in production (it is accepted there only for a loopback address with a test key)')
      return undefined
    }
    const protocol = u.protocol === 'http:' ? ('http' as const) : ('https' as const)
    return { host: u.hostname, port: Number(u.port || (protocol === 'http' ? 80 : 443)), protocol }
  })()

  // The reminder worker's knobs: parsed by the domain rule that documents them (REMINDER_SETTING_DOCS).
  const reminderSettings = parseReminderSettings(source)
  if (!reminderSettings.ok) problems.push(...reminderSettings.problems)
  const metricsToken = source.METRICS_TOKEN || undefined
  if (metricsToken !== undefined && metricsToken.length < 16) {
    problems.push('METRICS_TOKEN must be at least 16 characters when set (it guards GET /api/metrics)')
  }
  const runWorkerInWeb = (source.RUN_WORKER_IN_WEB ?? 'false').trim().toLowerCase()
  if (runWorkerInWeb !== 'true' && runWorkerInWeb !== 'false' && runWorkerInWeb !== '') {
    problems.push(`RUN_WORKER_IN_WEB must be "true" or "false" (got "${source.RUN_WORKER_IN_WEB}")`)
  }

  // Webhooks: private receivers only where nothing real is at stake.
  const allowPrivateRaw = (source.WEBHOOKS_ALLOW_PRIVATE ?? 'false').trim().toLowerCase()
  if (allowPrivateRaw !== 'true' && allowPrivateRaw !== 'false' && allowPrivateRaw !== '') {
    problems.push(`WEBHOOKS_ALLOW_PRIVATE must be "true" or "false" (got "${source.WEBHOOKS_ALLOW_PRIVATE}")`)
  }
  const allowPrivate = allowPrivateRaw === 'true'
  if (allowPrivate && isProduction && !isBuild) {
    problems.push('WEBHOOKS_ALLOW_PRIVATE is for development and tests only: unset it in production')
  }
  const webhookTimeoutMs = int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 10_000)
  const webhookLeaseMs = int('WEBHOOK_LEASE_MS', 60_000, 1000, 3_600_000)
  const webhooks = {
    allowPrivate: allowPrivate && !(isProduction && !isBuild),
    /** The send deadline: the receiver's time limit, and never more than half the lease. */
    timeoutMs: Math.min(webhookTimeoutMs, Math.floor(webhookLeaseMs / 2)),
    retryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
    retryForMs: int('WEBHOOK_RETRY_HOURS', 24, 24, 168) * 3_600_000,
    disableAfterFailures: int('WEBHOOK_DISABLE_AFTER_FAILURES', 50, 1, 100_000),
    concurrency: int('WEBHOOK_CONCURRENCY', 4, 1, 64),
    batchSize: int('WEBHOOK_BATCH_SIZE', 50, 1, 1000),
    leaseMs: webhookLeaseMs,
    pollIntervalMs: int('WEBHOOK_POLL_INTERVAL_MS', 1000, 50, 60_000),
  }

  // Validated here with the rest; logLine reads LOG_LEVEL itself, since it must log before env() has run.
  const logLevel = (source.LOG_LEVEL ?? '').trim().toLowerCase()
  if (logLevel && !['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be debug, info, warn or error (got "${source.LOG_LEVEL}")`)
  }

  const serverUrl = url('SERVER_URL', 'http://localhost:3000') as string
  // Production serves sessions over HTTPS only (Secure cookies); a loopback URL is a local production build (the
  // browser tests, docker-compose on one machine), where browsers accept no Secure cookie over plain http anyway.
  const loopback = (() => {
    try {
      return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(serverUrl).hostname)
    } catch {
      return false
    }
  })()
  if (isProduction && !isBuild && !loopback && !serverUrl.startsWith('https:')) {
    problems.push(`SERVER_URL must be an https URL in production (got "${serverUrl}"): session cookies are Secure`)
  }

  const siteOrigins = parseOrigins('SITE_ORIGINS', source.SITE_ORIGINS)
  problems.push(...siteOrigins.problems)
  const sameSiteRaw = (source.SESSION_COOKIE_SAMESITE ?? '').trim().toLowerCase()
  const sameSite = ({ '': 'Lax', lax: 'Lax', strict: 'Strict', none: 'None' } as const)[sameSiteRaw as '' | 'lax' | 'strict' | 'none']
  if (!sameSite) problems.push(`SESSION_COOKIE_SAMESITE must be Lax, Strict or None (got "${source.SESSION_COOKIE_SAMESITE}")`)
  // browsers drop a SameSite=None cookie that is not Secure: refuse the combination rather than sign-ins that never stick
  if (sameSite === 'None' && !(isProduction && !loopback) && !isBuild) {
    problems.push('SESSION_COOKIE_SAMESITE=None needs Secure cookies: NODE_ENV=production with an https SERVER_URL')
  }

  const aliveWithin = source.WORKER_ALIVE_WITHIN_SECONDS ? int('WORKER_ALIVE_WITHIN_SECONDS', 120, 10, 86_400) : undefined

  const env = {
    isProduction,
    /** Origins of sites elsewhere (the static export) allowed by CORS with credentials and by the CSRF check. */
    siteOrigins: siteOrigins.origins,
    /** SameSite of the session cookie: Lax unless a site on another registrable domain needs None. */
    sessionCookieSameSite: sameSite ?? 'Lax',
    /** Session cookies carry Secure: production, except on a loopback SERVER_URL. */
    secureCookies: isProduction && !loopback,
    http: {
      /** Largest request body any route accepts (413 past it). */
      maxBodyBytes: int('MAX_BODY_BYTES', 1_048_576, 1024, 64 * 1_048_576),
      /** Proxies in front of the app whose X-Forwarded-For entries are trusted; 0: none, the peer is the client. */
      trustedProxyHops: int('TRUSTED_PROXY_HOPS', 0, 0, 10),
    },
    /** Sign-in, sign-up and password-reset throttling, counted in Postgres (docs/decisions/0002-auth-throttle.md). */
    authThrottle: {
      windowSeconds: int('AUTH_THROTTLE_WINDOW_SECONDS', 900, 10, 86_400),
      perAccount: int('AUTH_THROTTLE_PER_ACCOUNT', 10, 1, 100_000),
      perAddress: int('AUTH_THROTTLE_PER_ADDRESS', 100, 1, 1_000_000),
    },
    databaseUri: source.DATABASE_URI,
    payloadSecret: secret || 'jobline-dev-secret-change-me-in-production',
    serverUrl,
    smtpUrl: url('SMTP_URL', undefined),
    emailFrom: str('EMAIL_FROM', 'Jobline <no-reply@jobline.local>'),
    emailFromName: str('EMAIL_FROM_NAME', 'Jobline'),
    seedOnEmpty: str('SEED_ON_EMPTY', isProduction ? 'false' : 'true') === 'true',
    scheduling: {
      minNoticeMinutes: int('SCHEDULE_MIN_NOTICE_MINUTES', 120, 0, 60 * 24 * 30),
      minWindowMinutes: int('SCHEDULE_MIN_WINDOW_MINUTES', 30, 5, 24 * 60),
      maxWindowMinutes: int('SCHEDULE_MAX_WINDOW_MINUTES', 720, 5, 24 * 60),
      maxDaysAhead: int('SCHEDULE_MAX_DAYS_AHEAD', 180, 1, 730),
    },
    payments: {
      stripeSecretKey,
      stripeApi,
      /** Completed assignments not disputed after this many days are verified by the system; 0 turns it off. */
      autoVerifyDays: int('AUTO_VERIFY_DAYS', 0, 0, 365),
      captureMaxAttempts: int('CAPTURE_MAX_ATTEMPTS', 5, 1, 20),
      captureRetryBaseMs: int('CAPTURE_RETRY_BASE_MS', 30_000, 10, 3_600_000),
    },
    /** Reminder worker settings (defaults and meanings in REMINDER_SETTING_DOCS, docs/configuration.md). */
    reminders: (reminderSettings.ok ? reminderSettings.settings : undefined) as ReminderSettings,
    /** Bearer token for GET /api/metrics; unset leaves the endpoint open outside production and refused in it. */
    metricsToken,
    /** How recently a worker must have beaten for the Ops dashboard to call it running (WORKER_ALIVE_WITHIN_SECONDS). */
    workerAliveWithinMs: workerAliveWithinMs(aliveWithin, reminderSettings.ok ? reminderSettings.settings.pollIntervalMs : 60_000),
    /** Single-process dev mode: the Next.js server also runs the reminder worker. */
    runWorkerInWeb: runWorkerInWeb === 'true',
    /** Outbound webhooks (docs/webhooks.md). */
    webhooks,
  }
  if (problems.length) throw new EnvError(problems)
  return env
}

export type Env = ReturnType<typeof readEnv>

let cached: Env | undefined
/** The validated environment of this process. */
export const env = (): Env => (cached ??= readEnv())
