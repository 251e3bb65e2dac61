import { parseReminderSettings, type ReminderSettings } from './domain/reminderSettings'

/**
 * The one place configuration is read from the environment. Every variable is validated here, at boot, and a bad
 * value fails with the variable's name and what is expected. Defaults are listed in the README's configuration table.
 */

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
    if (isProduction && !isBuild) {
      problems.push('STRIPE_API_BASE is for development and tests only: unset it in production')
      return undefined
    }
    try {
      const u = new URL(v)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol')
      const protocol = u.protocol === 'http:' ? ('http' as const) : ('https' as const)
      return { host: u.hostname, port: Number(u.port || (protocol === 'http' ? 80 : 443)), protocol }
    } catch {
      problems.push(`STRIPE_API_BASE must be an http(s) URL such as http://127.0.0.1:12111 (got "${v}")`)
      return undefined
    }
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

  const env = {
    isProduction,
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
    /** Reminder worker settings (defaults and meanings in REMINDER_SETTING_DOCS and the M4 runbook). */
    reminders: (reminderSettings.ok ? reminderSettings.settings : undefined) as ReminderSettings,
    /** Bearer token for GET /api/metrics; unset leaves the endpoint open outside production and refused in it. */
    metricsToken,
    /** Single-process dev mode: the Next.js server also runs the reminder worker. */
    runWorkerInWeb: runWorkerInWeb === 'true',
  }
  if (problems.length) throw new EnvError(problems)
  return env
}

export type Env = ReturnType<typeof readEnv>

let cached: Env | undefined
/** The validated environment of this process. */
export const env = (): Env => (cached ??= readEnv())
