/** Pure rules behind the request guard and the auth throttle: client address, throttle verdicts, instants, zones. */
import { describe, expect, it } from '@jest/globals'

import { ACCOUNT_WIDE_FACTOR, throttleKeys, throttleVerdict } from '../../src/domain/authThrottle'
import { clientAddress } from '../../src/domain/clientAddress'
import { instantProblem, isCalendarDate } from '../../src/domain/instants'
import { canonicalTimeZone } from '../../src/domain/timeZones'
import { metricsRefusal } from '../../src/endpoints/metrics'
import { readEnv } from '../../src/env'

describe('client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ peer: '203.0.113.9', forwardedFor: '1.2.3.4', trustedHops: 0 })).toBe('203.0.113.9')
    expect(clientAddress({ peer: '::ffff:127.0.0.1', trustedHops: 0 })).toBe('127.0.0.1')
  })

  it('is the entry the nearest trusted proxy appended', () => {
    expect(clientAddress({ peer: '10.0.0.2', forwardedFor: 'forged, 198.51.100.7', trustedHops: 1 })).toBe('198.51.100.7')
    expect(clientAddress({ peer: '10.0.0.2', forwardedFor: 'forged, 198.51.100.7, 10.0.0.1', trustedHops: 2 })).toBe('198.51.100.7')
    expect(clientAddress({ peer: '10.0.0.2', forwardedFor: '', trustedHops: 1 })).toBe('10.0.0.2')
  })

  it('without a known peer (next start), reads the last entries of X-Forwarded-For', () => {
    expect(clientAddress({ forwardedFor: 'forged, 198.51.100.7', trustedHops: 1 })).toBe('198.51.100.7')
    expect(clientAddress({ forwardedFor: '198.51.100.7', trustedHops: 0 })).toBe('198.51.100.7')
    expect(clientAddress({ forwardedFor: '[2001:db8::1]:443', trustedHops: 1 })).toBe('2001:db8::1')
    expect(clientAddress({ trustedHops: 1 })).toBe('unknown')
  })
})

describe('auth throttle', () => {
  const limits = { windowSeconds: 600, perAccount: 3, perAddress: 8 }
  const keys = throttleKeys('login', { email: ' Alice@Example.com ', address: '198.51.100.1' }, limits)
  const start = new Date('2027-01-12T10:00:00Z')
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000)

  it('counts the account from this address, the account from all, and the address', () => {
    expect(keys).toEqual([
      { key: 'login:address:198.51.100.1', scope: 'address', limit: 8 },
      { key: 'login:account:alice@example.com:from:198.51.100.1', scope: 'account', limit: 3 },
      { key: 'login:account:alice@example.com', scope: 'account-wide', limit: 3 * ACCOUNT_WIDE_FACTOR },
    ])
    expect(throttleKeys('login', { email: 42, address: 'a' }, limits)).toHaveLength(1)
  })

  it('allows up to each limit, then refuses until that window ends', () => {
    const counted = (account: number) => keys.map((k) => ({ key: k.key, attempts: k.scope === 'account' ? account : 1, windowStart: start }))
    expect(throttleVerdict(keys, counted(3), 600, at(60))).toEqual({ allowed: true })
    expect(throttleVerdict(keys, counted(4), 600, at(60))).toEqual({
      allowed: false,
      retryAfterSeconds: 540,
      scope: 'account',
      key: 'login:account:alice@example.com:from:198.51.100.1',
      firstRefusal: true,
    })
    expect(throttleVerdict(keys, counted(9), 600, at(599.5))).toMatchObject({ allowed: false, retryAfterSeconds: 1, firstRefusal: false })
  })
})

describe('instants and dates', () => {
  it('takes real date-times with an offset, Dates, and unchanged values', () => {
    expect(instantProblem('2027-01-12T09:00:00-05:00', 'Start')).toBeUndefined()
    expect(instantProblem(new Date(), 'Start')).toBeUndefined()
    expect(instantProblem('2027-01-12 09:00:00+00', 'Start', '2027-01-12 09:00:00+00')).toBeUndefined()
    expect(instantProblem(null, 'Start')).toBeUndefined()
  })

  it('refuses impossible dates, missing offsets and epoch numbers', () => {
    expect(instantProblem('2027-02-30T09:00:00Z', 'Start')).toMatch(/not a real date/)
    expect(instantProblem('2027-01-12T09:00:00', 'Start')).toMatch(/no time zone offset/)
    expect(instantProblem(1e20, 'Start')).toMatch(/must be a string/)
    expect(instantProblem(new Date(NaN), 'Start')).toMatch(/not a valid date/)
  })

  it('knows calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2027-02-29')).toBe(false)
    expect(isCalendarDate('2100-02-29')).toBe(false)
    expect(isCalendarDate('2000-02-29')).toBe(true)
    expect(isCalendarDate('2027-13-01')).toBe(false)
    expect(isCalendarDate('2027-1-1')).toBe(false)
  })
})

describe('time zones', () => {
  it('are stored as IANA spells them', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York')
    expect(canonicalTimeZone('EUROPE/BERLIN')).toBe('Europe/Berlin')
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin')
    expect(canonicalTimeZone('utc')).toBe('UTC')
    expect(canonicalTimeZone('Mars/Base')).toBeUndefined()
  })
})

describe('production settings', () => {
  const prod = { NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(32) }
  it('makes session cookies Secure in production, and wants https there', () => {
    expect(readEnv({ ...prod, SERVER_URL: 'https://jobline.example.com' }).secureCookies).toBe(true)
    expect(readEnv({ ...prod, SERVER_URL: 'http://localhost:3100' }).secureCookies).toBe(false)
    expect(readEnv({}).secureCookies).toBe(false)
    expect(() => readEnv({ ...prod, SERVER_URL: 'http://jobline.example.com' })).toThrow(/SERVER_URL must be an https URL in production/)
  })

  it('validates the guard and throttle settings', () => {
    expect(readEnv({}).http).toEqual({ maxBodyBytes: 1_048_576, trustedProxyHops: 0 })
    expect(readEnv({}).authThrottle).toEqual({ windowSeconds: 900, perAccount: 10, perAddress: 100 })
    expect(() => readEnv({ MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES must be a whole number/)
    expect(() => readEnv({ TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS/)
    expect(() => readEnv({ AUTH_THROTTLE_PER_ACCOUNT: '0' })).toThrow(/AUTH_THROTTLE_PER_ACCOUNT/)
  })

  it('refuses /api/metrics in production without METRICS_TOKEN', async () => {
    expect(metricsRefusal({ isProduction: false, authorization: null })).toBeUndefined()
    expect(metricsRefusal({ isProduction: true, authorization: null })?.status).toBe(403)
    const token = 'a-long-metrics-token-123'
    expect(metricsRefusal({ isProduction: true, token, authorization: `Bearer ${token}` })).toBeUndefined()
    expect(metricsRefusal({ isProduction: true, token, authorization: 'Bearer nope' })?.status).toBe(401)
  })
})
