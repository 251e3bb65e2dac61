/**
 * The rules of outbound webhooks (src/domain/webhooks.ts, src/domain/netAddresses.ts) and the signing and secret
 * storage they rely on: which addresses are never reached, which URLs are refused, what a receiver gets, and what a
 * failed attempt leads to.
 */
import { createHmac, randomBytes } from 'node:crypto'

import { describe, expect, it } from '@jest/globals'

import { classifyAddress, isLocalHostName } from '../../src/domain/netAddresses'
import {
  afterFailure,
  blockedAddress,
  disableReason,
  failureRun,
  RETRY_MAX_DELAY_MS,
  WEBHOOK_URL_MAX_LENGTH,
  webhookBody,
  webhookUrlProblem,
  wantsEvent,
} from '../../src/domain/webhooks'
import { decryptSecret, encryptSecret, newSecret } from '../../src/services/webhooks/secrets'
import { signatureHeader } from '../../src/services/webhooks/signature'

const HOUR = 3_600_000

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.1', 'link-local'],
    ['0.0.0.0', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['172.32.0.1', 'public'],
    ['93.184.215.14', 'public'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::169.254.169.254', 'metadata'],
    ['2002:c0a8:101::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2001:4860:4860:0:0:0:0:8888', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind)
  })

  it.each(['example.com', '1.2.3', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1::2::3', 'gggg::1', '1:2:3:4:5:6:7:8:9', ''])('%s is not an address', (text) => {
    expect(classifyAddress(text)).toBeNull()
  })

  it('knows the names that mean this machine or its network', () => {
    for (const name of ['localhost', 'LOCALHOST.', 'api.localhost', 'printer.local', 'metadata.google.internal', 'metadata']) expect(isLocalHostName(name)).toBe(true)
    for (const name of ['example.com', 'localhost.example.com', 'internal.example.com']) expect(isLocalHostName(name)).toBe(false)
  })
})

describe('webhookUrlProblem', () => {
  const strict = { allowPrivate: false }
  const lax = { allowPrivate: true }

  it('accepts public http(s) URLs', () => {
    for (const url of ['https://hooks.example.com/jobline', 'http://93.184.215.14:8080/x?y=1', 'https://[2606:4700:4700::1111]/h']) expect(webhookUrlProblem(url, strict)).toBeNull()
  })

  it('refuses what is not an http(s) URL, too long, or carries credentials', () => {
    expect(webhookUrlProblem('', strict)).toMatch(/required/)
    expect(webhookUrlProblem(42, strict)).toMatch(/required/)
    expect(webhookUrlProblem('hooks.example.com/x', strict)).toMatch(/Not a URL/)
    expect(webhookUrlProblem('ftp://example.com/x', strict)).toMatch(/Only http/)
    expect(webhookUrlProblem('file:///etc/passwd', strict)).toMatch(/Only http/)
    expect(webhookUrlProblem(`https://example.com/${'a'.repeat(WEBHOOK_URL_MAX_LENGTH)}`, strict)).toMatch(/at most 2048/)
    expect(webhookUrlProblem('https://me:secret@example.com/x', strict)).toMatch(/credentials/)
  })

  it('refuses loopback, private, link-local and metadata hosts unless private receivers are allowed', () => {
    for (const url of ['http://127.0.0.1:3000/x', 'http://localhost/x', 'http://10.0.0.5/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://[::ffff:192.168.0.1]/x', 'http://metadata.google.internal/']) {
      expect([url, webhookUrlProblem(url, strict)]).toEqual([url, expect.stringMatching(/public addresses only/)])
      expect(webhookUrlProblem(url, lax)).toBeNull()
    }
  })

  it('blockedAddress says why a resolved address is refused, and refuses what it cannot read', () => {
    expect(blockedAddress('10.0.0.1', strict)).toBe('10.0.0.1 is a private address')
    expect(blockedAddress('169.254.169.254', strict)).toBe('169.254.169.254 is the cloud metadata service')
    expect(blockedAddress('not-an-ip', strict)).toMatch(/reserved/)
    expect(blockedAddress('8.8.8.8', strict)).toBeNull()
    expect(blockedAddress('127.0.0.1', lax)).toBeNull()
  })
})

describe('what an endpoint gets', () => {
  it('wants the types it lists, or all with *', () => {
    expect(wantsEvent(['*'], 'payout.captured')).toBe(true)
    expect(wantsEvent(['assignment.completed'], 'assignment.completed')).toBe(true)
    expect(wantsEvent(['assignment.completed'], 'assignment.verified')).toBe(false)
  })

  it('the body is the event with the record and, when the status changed, the previous one', () => {
    const at = new Date('2027-01-12T10:00:00Z')
    const assignment = { id: 7, status: 'completed', version: 4 }
    const body = JSON.parse(webhookBody({ id: 31, type: 'assignment.completed', entity: 'assignments', occurredAt: at, data: { action: 'complete', from: 'scheduled', to: 'completed', assignment } }))
    expect(body).toEqual({ id: 31, type: 'assignment.completed', createdAt: '2027-01-12T10:00:00.000Z', data: { ...assignment, previous: { status: 'scheduled' } } })
    const same = JSON.parse(webhookBody({ id: 32, type: 'assignment.schedule_proposed', entity: 'assignments', occurredAt: at, data: { from: 'pending_schedule', to: 'pending_schedule', assignment } }))
    expect(same.data).toEqual(assignment)
    const proposal = JSON.parse(webhookBody({ id: 33, type: 'proposal.declined', entity: 'schedule-proposals', occurredAt: at, data: { from: 'open', to: 'declined', proposal: { id: 2 } } }))
    expect(proposal.data).toEqual({ id: 2, previous: { status: 'open' } })
  })
})

describe('retries', () => {
  const policy = { baseMs: 10_000, retryForMs: 24 * HOUR, random: () => 0.5 }
  const queuedAt = new Date('2027-01-01T00:00:00Z')
  const at = (ms: number) => new Date(queuedAt.getTime() + ms)

  it('back off exponentially (jittered), capped at an hour', () => {
    const delay = (attempts: number) => {
      const r = afterFailure({ attempts, queuedAt, now: at(0) }, policy)
      return r.kind === 'retry' ? r.at.getTime() - queuedAt.getTime() : -1
    }
    expect([1, 2, 3, 4].map(delay)).toEqual([10_000, 20_000, 40_000, 80_000])
    expect(delay(20)).toBe(RETRY_MAX_DELAY_MS)
    const jittered = afterFailure({ attempts: 1, queuedAt, now: at(0) }, { ...policy, random: () => 0 })
    expect(jittered.kind === 'retry' && jittered.at.getTime() - queuedAt.getTime()).toBe(8000)
  })

  it('go on for WEBHOOK_RETRY_HOURS after queueing, then end dead — so the last attempt is at least that long after the first', () => {
    expect(afterFailure({ attempts: 30, queuedAt, now: at(24 * HOUR - 1) }, policy).kind).toBe('retry')
    expect(afterFailure({ attempts: 30, queuedAt, now: at(24 * HOUR) }, policy)).toEqual({ kind: 'dead', reason: 'retried for 24 h without a 2xx' })
  })

  it('count the failure run: reset by a success, the failures after it counted', () => {
    expect(failureRun([false, false])).toEqual({ reset: false, count: 2 })
    expect(failureRun([false, true, false])).toEqual({ reset: true, count: 1 })
    expect(failureRun([true])).toEqual({ reset: true, count: 0 })
    expect(failureRun([])).toEqual({ reset: false, count: 0 })
  })

  it('disable an endpoint at the failure limit, or when a delivery ran out while it accepted nothing', () => {
    const now = at(30 * HOUR)
    const opts = { exhausted: false, now, limit: 50, retryForMs: 24 * HOUR }
    expect(disableReason({ consecutiveFailures: 50, lastDeliveredAt: now }, opts)).toBe('50 consecutive failed attempts (limit 50)')
    expect(disableReason({ consecutiveFailures: 49, lastDeliveredAt: null }, opts)).toBeNull()
    expect(disableReason({ consecutiveFailures: 1, lastDeliveredAt: null }, { ...opts, exhausted: true })).toBe('no delivery accepted for 24 h')
    expect(disableReason({ consecutiveFailures: 1, lastDeliveredAt: at(25 * HOUR) }, { ...opts, exhausted: true })).toBeNull()
  })
})

describe('signing', () => {
  it('signs "<t>.<body>" with each secret, the current one first', () => {
    const body = '{"id":1}'
    const at = new Date('2027-01-01T00:00:10Z')
    const header = signatureHeader(body, ['whsec_new', 'whsec_old'], at)
    const t = 1798761610
    const mac = (s: string) => createHmac('sha256', s).update(`${t}.${body}`).digest('hex')
    expect(header).toBe(`t=${t},v1=${mac('whsec_new')},v1=${mac('whsec_old')}`)
  })

  it('stores secrets encrypted: unreadable without the key, tampering detected', () => {
    const key = randomBytes(32)
    const secret = newSecret()
    const stored = encryptSecret(secret, key)
    expect(stored).not.toContain(secret.slice(6))
    expect(decryptSecret(stored, key)).toBe(secret)
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow(/Unreadable/)
    const [v, iv, tag, data] = stored.split('.')
    const flipped = Buffer.from(data, 'base64url')
    flipped[0] ^= 1
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64url')].join('.'), key)).toThrow(/Unreadable/)
    expect(encryptSecret(secret, key)).not.toBe(stored) // a fresh IV every time
  })
})
