import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto'

import { env } from '../../env'

/**
 * One-tap links of reminder emails ("I'll be there"): a token that stands for one user taking one action on one
 * assignment, once, until the visit's window ends. Signed with HMAC-SHA256 under a key derived (HKDF) from
 * PAYLOAD_SECRET for this purpose only, so it signs nothing else and nothing else's signature passes here. Changing
 * PAYLOAD_SECRET invalidates every link already sent. Single use is not in the token: the action claims its id in
 * `one_tap_claims` (unique) in its own transaction.
 */
export const ONE_TAP_ACTIONS = ['attend'] as const
export type OneTapAction = (typeof ONE_TAP_ACTIONS)[number]

export type OneTapClaims = {
  id: string
  assignmentId: number
  userId: number
  action: OneTapAction
  expiresAt: Date
  /** When the link was made; null for links made before links said so. A password change ends links made before it. */
  issuedAt: Date | null
}

export type OneTapCheck = { ok: true; claims: OneTapClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }

const keys = new Map<string, Buffer>()
/** The signing key, derived once per secret (HKDF on every link was ~35 µs of each reminder's CPU). */
export const oneTapKey = (payloadSecret = env().payloadSecret): Buffer => {
  let key = keys.get(payloadSecret)
  if (!key) keys.set(payloadSecret, (key = Buffer.from(hkdfSync('sha256', payloadSecret, 'jobline', 'one-tap links v1', 32))))
  return key
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url')
const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(`v1.${body}`).digest()

/**
 * A link's id: the 122 random bits of a v4 UUID as 16 bytes of base64url. `randomUUID` draws from a pool Node buffers;
 * `randomBytes(16)` ran a synchronous crypto job per link (~9 µs of every reminder's CPU).
 */
const newTokenId = () => Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url')

export function signOneTap(c: Omit<OneTapClaims, 'id' | 'issuedAt'> & { id?: string; issuedAt?: Date }, key = oneTapKey()): string {
  const issuedAt = (c.issuedAt ?? new Date()).getTime()
  const body = b64(JSON.stringify({ j: c.id ?? newTokenId(), a: c.assignmentId, u: c.userId, x: c.action, e: Math.floor(c.expiresAt.getTime() / 1000), i: issuedAt }))
  return `v1.${body}.${b64(mac(key, body))}`
}

const MAX_TOKEN_LENGTH = 512
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 2_147_483_647

/** What a token says, when its signature holds and it has not expired; why not, otherwise. Never throws. */
export function verifyOneTap(token: unknown, now = new Date(), key = oneTapKey()): OneTapCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== 'v1' || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]+$/.test(parts[2])) return { ok: false, reason: 'malformed' }
  const expected = mac(key, parts[1])
  const given = Buffer.from(parts[2], 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' }
  let c: Record<string, unknown>
  try {
    c = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (!c || typeof c !== 'object' || typeof c.j !== 'string' || !isId(c.a) || !isId(c.u) || !ONE_TAP_ACTIONS.includes(c.x as OneTapAction) || typeof c.e !== 'number') {
    return { ok: false, reason: 'malformed' }
  }
  if (c.i !== undefined && (typeof c.i !== 'number' || !Number.isSafeInteger(c.i) || c.i < 0)) return { ok: false, reason: 'malformed' }
  const expiresAt = new Date(c.e * 1000)
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' }
  const issuedAt = typeof c.i === 'number' ? new Date(c.i) : null
  return { ok: true, claims: { id: c.j, assignmentId: c.a, userId: c.u, action: c.x as OneTapAction, expiresAt, issuedAt } }
}

/**
 * The text of a sent message as the log keeps it: every one-tap link's token replaced, so a reminder read back from
 * the history (by its recipient or by Ops) cannot be used to act as the person it went to. The email itself had it.
 */
export const withoutOneTapTokens = (text: string): string => text.replace(/(\/tap\?t=)[^\s)>"']+/g, '$1(used in the email only)')
