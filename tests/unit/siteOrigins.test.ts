/** SITE_ORIGINS and SESSION_COOKIE_SAMESITE: what the static export's cross-origin sign-in depends on (src/env.ts). */
import { describe, expect, it } from '@jest/globals'

import { EnvError, parseOrigins, readEnv } from '../../src/env'

const refusal = (source: Record<string, string>) => {
  try {
    readEnv(source)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError)
    return (error as Error).message
  }
}

describe('SITE_ORIGINS', () => {
  it('is empty when unset: only SERVER_URL is allowed, as before', () => {
    expect(readEnv({}).siteOrigins).toEqual([])
    expect(readEnv({ SITE_ORIGINS: ' ' }).siteOrigins).toEqual([])
  })

  it('reads comma-separated origins, trimmed, a trailing slash dropped, duplicates once', () => {
    expect(readEnv({ SITE_ORIGINS: 'http://localhost:3200, https://jobs.example.com/,http://localhost:3200' }).siteOrigins).toEqual([
      'http://localhost:3200',
      'https://jobs.example.com',
    ])
  })

  it.each(['localhost:3200', 'jobs.example.com', 'https://jobs.example.com/app', 'https://jobs.example.com?x=1', 'ftp://files.example.com', 'http://', '*'])(
    'stops the process naming the variable and the bad value: %s',
    (bad) => {
      const message = refusal({ SITE_ORIGINS: `http://localhost:3200,${bad}` })
      expect(message).toContain('SITE_ORIGINS must be comma-separated origins')
      expect(message).toContain(`(got "${bad}")`)
    },
  )

  it('parseOrigins reports each bad entry and keeps the good ones', () => {
    expect(parseOrigins('X', 'https://a.example,nope,https://b.example:8443')).toEqual({
      origins: ['https://a.example', 'https://b.example:8443'],
      problems: ['X must be comma-separated origins such as https://jobs.example.com or http://localhost:3200, with no path (got "nope")'],
    })
  })
})

describe('SESSION_COOKIE_SAMESITE', () => {
  it('is Lax by default and takes Strict in any case', () => {
    expect(readEnv({}).sessionCookieSameSite).toBe('Lax')
    expect(readEnv({ SESSION_COOKIE_SAMESITE: 'strict' }).sessionCookieSameSite).toBe('Strict')
  })

  it('takes None only with Secure cookies (production on https)', () => {
    expect(refusal({ SESSION_COOKIE_SAMESITE: 'None' })).toContain('SESSION_COOKIE_SAMESITE=None needs Secure cookies')
    const production = { NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(40), SERVER_URL: 'https://app.example.com', SESSION_COOKIE_SAMESITE: 'None' }
    expect(readEnv(production).sessionCookieSameSite).toBe('None')
  })

  it('refuses anything else, naming the variable', () => {
    expect(refusal({ SESSION_COOKIE_SAMESITE: 'sometimes' })).toContain('SESSION_COOKIE_SAMESITE must be Lax, Strict or None (got "sometimes")')
  })
})
