/** One-tap link tokens: signed for one user, assignment and action, expiring with the visit; tampering is refused. */
import { describe, expect, it } from '@jest/globals'
import { createHmac } from 'node:crypto'

import { oneTapKey, signOneTap, verifyOneTap } from '../../src/services/oneTap/token'

const key = oneTapKey('a-test-secret-that-is-long-enough-000')
const expiresAt = new Date('2027-01-12T11:00:00Z')
const before = new Date('2027-01-12T08:00:00Z')

describe('one-tap tokens', () => {
  it('round-trip what they were signed for until the visit ends', () => {
    const issuedAt = new Date('2027-01-11T18:00:00.123Z')
    const token = signOneTap({ id: 'abc', assignmentId: 7, userId: 3, action: 'attend', expiresAt, issuedAt }, key)
    expect(verifyOneTap(token, before, key)).toEqual({ ok: true, claims: { id: 'abc', assignmentId: 7, userId: 3, action: 'attend', expiresAt, issuedAt } })
    expect(verifyOneTap(token, expiresAt, key)).toEqual({ ok: false, reason: 'expired' })
  })

  it('say when they were made, to the millisecond (a password change ends links made before it); older links say nothing', () => {
    const made = Date.now()
    const claims = verifyOneTap(signOneTap({ assignmentId: 7, userId: 3, action: 'attend', expiresAt }, key), before, key)
    expect(claims.ok && claims.claims.issuedAt!.getTime()).toBeGreaterThanOrEqual(made)
    // a link from before links carried `i`, signed as they were then
    const body = Buffer.from(JSON.stringify({ j: 'old', a: 7, u: 3, x: 'attend', e: expiresAt.getTime() / 1000 })).toString('base64url')
    const old = `v1.${body}.${createHmac('sha256', key).update(`v1.${body}`).digest('base64url')}`
    expect(verifyOneTap(old, before, key)).toEqual({ ok: true, claims: { id: 'old', assignmentId: 7, userId: 3, action: 'attend', expiresAt, issuedAt: null } })
  })

  it('refuse a changed body, a changed signature, another key and junk', () => {
    const token = signOneTap({ assignmentId: 7, userId: 3, action: 'attend', expiresAt }, key)
    const [v, body, sig] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: 4 })).toString('base64url')
    expect(verifyOneTap(`${v}.${forged}.${sig}`, before, key)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyOneTap(`${v}.${body}.${sig.slice(0, -2)}AA`, before, key).ok).toBe(false)
    expect(verifyOneTap(token, before, oneTapKey('another-secret-that-is-long-enough-00'))).toEqual({ ok: false, reason: 'bad_signature' })
    for (const junk of [undefined, 42, '', 'v1', 'v2.a.b', 'v1.a.b.c', 'v1.%%.b', 'x'.repeat(600)]) expect(verifyOneTap(junk, before, key).ok).toBe(false)
  })
})
