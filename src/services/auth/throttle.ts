import { sql } from '@payloadcms/db-postgres'
import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { CLIENT_ADDRESS_HEADER } from '../../domain/clientAddress'
import { throttleKeys, throttleVerdict, type ThrottledAction, type ThrottleKey } from '../../domain/authThrottle'
import { env } from '../../env'
import { tooManyRequests } from '../../utilities/errors'
import { logLine } from '../notifications/log'

type Pool = { execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[] }> }

/** The pool, never the request's transaction: an attempt counts even when the request that made it rolls back. */
const poolOf = (req: PayloadRequest) => (req.payload.db as unknown as { drizzle: Pool }).drizzle

const keysFor = (req: PayloadRequest, action: ThrottledAction, email: unknown): ThrottleKey[] =>
  throttleKeys(action, { email, address: req.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown' }, env().authThrottle)

/**
 * Counts one attempt against the account's and the address's windows (one upsert, atomic across web instances), and
 * refuses it with 429 and Retry-After past any limit. The first refusal of each counter in a window is logged as
 * `auth.throttled`; for an account from every address at `warn`, for Ops: many clients are guessing its password.
 */
export async function takeAttempt(req: PayloadRequest, action: ThrottledAction, email: unknown): Promise<void> {
  const { windowSeconds } = env().authThrottle
  const keys = keysFor(req, action, email)
  const stale = sql`"auth_throttle"."window_start" <= now() - make_interval(secs => ${windowSeconds})`
  const { rows } = await poolOf(req).execute(sql`
    INSERT INTO "auth_throttle" ("key", "window_start", "attempts")
    VALUES ${sql.join(keys.map((k) => sql`(${k.key}, now(), 1)`), sql`, `)}
    ON CONFLICT ("key") DO UPDATE SET
      "window_start" = CASE WHEN ${stale} THEN now() ELSE "auth_throttle"."window_start" END,
      "attempts" = CASE WHEN ${stale} THEN 1 ELSE "auth_throttle"."attempts" + 1 END
    RETURNING "key", "attempts", "window_start", now() AS "now"`)
  const counted = rows.map((r) => ({ key: String(r.key), attempts: Number(r.attempts), windowStart: new Date(String(r.window_start)) }))
  const now = rows[0] ? new Date(String(rows[0].now)) : new Date()
  if (Math.random() < 0.02) {
    // now and then, forget windows long over (a row per e-mail and address tried would otherwise stay forever)
    await poolOf(req).execute(sql`DELETE FROM "auth_throttle" WHERE "window_start" < now() - make_interval(secs => ${windowSeconds * 2})`)
  }
  const verdict = throttleVerdict(keys, counted, windowSeconds, now)
  if (verdict.allowed) return
  if (verdict.firstRefusal) {
    const level = verdict.scope === 'account-wide' ? 'warn' : 'info'
    logLine(level, 'auth.throttled', { action, scope: verdict.scope, key: verdict.key, retryAfterSeconds: verdict.retryAfterSeconds })
  }
  req.responseHeaders = new Headers(req.responseHeaders ?? undefined)
  req.responseHeaders.set('Retry-After', String(verdict.retryAfterSeconds))
  throw tooManyRequests(verdict.retryAfterSeconds)
}

/** A sign-in that succeeded gives its attempt back: only failures count. */
export async function refundAttempt(req: PayloadRequest, action: ThrottledAction, email: unknown): Promise<void> {
  const keys = keysFor(req, action, email).map((k) => k.key)
  await poolOf(req).execute(sql`
    UPDATE "auth_throttle" SET "attempts" = greatest("attempts" - 1, 0)
    WHERE "key" IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`)
}
