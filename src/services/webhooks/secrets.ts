import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'

import { type Db, date, num } from '../../db/sql'
import { ROTATION_OVERLAP_MS } from '../../domain/webhooks'
import { env } from '../../env'

/**
 * Signing secrets, kept in `webhook_secrets` (a table of its own, no Payload collection: nothing in the REST API,
 * GraphQL or the admin can read it) and encrypted there with AES-256-GCM under a key derived from PAYLOAD_SECRET, so
 * a database dump or a read-only SQL session shows no usable secret either. The plain secret exists in memory only:
 * when it is generated, the one time it is shown (reveal, or the answer to a rotation), and while a worker signs.
 * Changing PAYLOAD_SECRET makes every stored secret unreadable: rotate each endpoint's afterwards.
 */

const keyOf = (payloadSecret: string) =>
  Buffer.from(hkdfSync('sha256', payloadSecret, 'jobline', 'webhook signing secrets v1', 32))

let key: { secret: string; key: Buffer } | undefined
const currentKey = () => {
  const secret = env().payloadSecret
  if (key?.secret !== secret) key = { secret, key: keyOf(secret) }
  return key.key
}

export function encryptSecret(plain: string, k: Buffer = currentKey()): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', k, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
}

export function decryptSecret(stored: string, k: Buffer = currentKey()): string {
  const [version, iv, tag, data] = stored.split('.')
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unreadable signing secret (unknown format): rotate it.')
  try {
    const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new Error('Unreadable signing secret (was PAYLOAD_SECRET changed?): rotate it.')
  }
}

/** A new signing secret: `whsec_` and 32 random bytes. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`

/** Stores a new endpoint's first secret, in the caller's transaction; it is shown once, by `revealSecret`. */
export async function createSecret(db: Db, endpointId: number): Promise<void> {
  await db.execute(sql`INSERT INTO webhook_secrets (endpoint_id, ciphertext) VALUES (${endpointId}, ${encryptSecret(newSecret())})`)
}

export type Revealed = { secret: string; createdAt: Date } | { alreadyShownAt: Date | null }

/** The endpoint's current secret, the first time it is asked for; after that only when it was shown (null: none). */
export async function revealSecret(db: Db, endpointId: number): Promise<Revealed> {
  const { rows } = await db.execute(sql`
    UPDATE webhook_secrets SET revealed_at = now()
    WHERE endpoint_id = ${endpointId} AND expires_at IS NULL AND revealed_at IS NULL
    RETURNING ciphertext, created_at`)
  if (rows[0]) return { secret: decryptSecret(String(rows[0].ciphertext)), createdAt: date(rows[0].created_at)! }
  const { rows: shown } = await db.execute(sql`
    SELECT revealed_at FROM webhook_secrets WHERE endpoint_id = ${endpointId} AND expires_at IS NULL ORDER BY id DESC LIMIT 1`)
  return { alreadyShownAt: date(shown[0]?.revealed_at) }
}

/**
 * A new current secret, returned (its one showing); the secrets that were valid stay valid for ROTATION_OVERLAP_MS
 * more (never longer than they already were), so deliveries carry one `v1` per valid secret meanwhile. Run in a
 * transaction that holds the endpoint's row lock, so two rotations at once leave one current secret.
 */
export async function rotateSecret(db: Db, endpointId: number): Promise<{ secret: string; previousValidUntil: Date | null }> {
  await db.execute(sql`DELETE FROM webhook_secrets WHERE endpoint_id = ${endpointId} AND expires_at <= now()`)
  const until = new Date(Date.now() + ROTATION_OVERLAP_MS)
  const { rows } = await db.execute(sql`
    UPDATE webhook_secrets SET expires_at = least(coalesce(expires_at, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)
    WHERE endpoint_id = ${endpointId} RETURNING id`)
  const secret = newSecret()
  await db.execute(sql`
    INSERT INTO webhook_secrets (endpoint_id, ciphertext, revealed_at) VALUES (${endpointId}, ${encryptSecret(secret)}, now())`)
  return { secret, previousValidUntil: rows.length ? until : null }
}

/** Every secret that signs deliveries now, per endpoint: the current one first, then those rotated out. */
export async function signingSecrets(db: Db, endpointIds: number[]): Promise<Map<number, string[]>> {
  const secrets = new Map<number, string[]>()
  if (!endpointIds.length) return secrets
  const { rows } = await db.execute(sql`
    SELECT endpoint_id, ciphertext FROM webhook_secrets
    WHERE endpoint_id = ANY(${sql.param(endpointIds)}::int[]) AND (expires_at IS NULL OR expires_at > now())
    ORDER BY endpoint_id, expires_at DESC NULLS FIRST, id DESC`)
  for (const r of rows) {
    const id = num(r.endpoint_id)
    secrets.set(id, [...(secrets.get(id) ?? []), decryptSecret(String(r.ciphertext))])
  }
  return secrets
}
