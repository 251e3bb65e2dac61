/**
 * The one place configuration is read from the environment. Every variable is validated here, at boot, and a bad
 * value fails with the variable's name and what is expected. Defaults are listed in docs/configuration.md.
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

  const secret = source.PAYLOAD_SECRET
  // `next build` runs with NODE_ENV=production but serves nothing: the secret is checked when the server starts.
  const isBuild = source.NEXT_PHASE === 'phase-production-build'
  if (isProduction && !isBuild && (!secret || secret.length < 32)) {
    problems.push('PAYLOAD_SECRET must be set to at least 32 characters in production')
  }

  const env = {
    isProduction,
    databaseUri: source.DATABASE_URI,
    payloadSecret: secret || 'jobline-dev-secret-change-me-in-production',
    serverUrl: url('SERVER_URL', 'http://localhost:3000') as string,
    smtpUrl: url('SMTP_URL', undefined),
    emailFrom: str('EMAIL_FROM', 'Jobline <no-reply@jobline.local>'),
    emailFromName: str('EMAIL_FROM_NAME', 'Jobline'),
    seedOnEmpty: str('SEED_ON_EMPTY', isProduction ? 'false' : 'true') === 'true',
  }
  if (problems.length) throw new EnvError(problems)
  return env
}

export type Env = ReturnType<typeof readEnv>

let cached: Env | undefined
/** The validated environment of this process. */
export const env = (): Env => (cached ??= readEnv())
