/**
 * Sign-in, sign-up and password-reset throttling (docs/decisions/0002-auth-throttle.md). Attempts are counted in
 * fixed windows, by three counters: the account from this client address (`perAccount`), the account from every
 * address (ten times that), and the client address across accounts (`perAddress`). The account is the e-mail as sent,
 * whether or not someone has it, so a refusal says nothing about who is registered. Past any limit the request is
 * refused with 429 and Retry-After until that window ends. Nothing locks: one client guessing an account's password
 * is stopped without touching the owner's own sign-ins; only many addresses together can slow the owner, for one
 * window at a time, and Ops are told when that happens.
 */

export type ThrottledAction = 'login' | 'signup' | 'forgot'
export type ThrottleLimits = { windowSeconds: number; perAccount: number; perAddress: number }
export type ThrottleScope = 'account' | 'account-wide' | 'address'
export type ThrottleKey = { key: string; scope: ThrottleScope; limit: number }

/** How many times the per-address account limit the account may take from all addresses together. */
export const ACCOUNT_WIDE_FACTOR = 10

/** The counters one attempt adds to. */
export function throttleKeys(action: ThrottledAction, who: { email?: unknown; address: string }, limits: ThrottleLimits): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `${action}:address:${who.address}`, scope: 'address', limit: limits.perAddress }]
  const email = typeof who.email === 'string' ? who.email.trim().toLowerCase().slice(0, 320) : ''
  if (email) {
    keys.push({ key: `${action}:account:${email}:from:${who.address}`, scope: 'account', limit: limits.perAccount })
    keys.push({ key: `${action}:account:${email}`, scope: 'account-wide', limit: limits.perAccount * ACCOUNT_WIDE_FACTOR })
  }
  return keys
}

export type Counted = { key: string; attempts: number; windowStart: Date }

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; scope: ThrottleScope; key: string; firstRefusal: boolean }

/** Given the counts after this attempt was added: allowed, or refused until the fullest window ends. */
export function throttleVerdict(keys: ThrottleKey[], counted: Counted[], windowSeconds: number, now: Date): ThrottleVerdict {
  let verdict: ThrottleVerdict = { allowed: true }
  for (const k of keys) {
    const c = counted.find((x) => x.key === k.key)
    if (!c || c.attempts <= k.limit) continue
    const retryAfterSeconds = Math.max(1, Math.ceil((c.windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000))
    if (verdict.allowed || retryAfterSeconds > verdict.retryAfterSeconds) {
      verdict = { allowed: false, retryAfterSeconds, scope: k.scope, key: k.key, firstRefusal: c.attempts === k.limit + 1 }
    }
  }
  return verdict
}
