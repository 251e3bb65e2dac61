import { sql } from '@payloadcms/db-postgres'

import { type Db, num } from '../../db/sql'

/**
 * A delivery again: pending, due now, its retry window starting over (queued_at). Its attempts keep counting, its last
 * answer stays until the next one replaces it. Not while a worker holds it (that one's outcome decides).
 */
const AGAIN = sql`status = 'pending', next_attempt_at = now(), queued_at = now(), delivered_at = NULL, claimed_by = NULL,
  lease_until = NULL, updated_at = now()`

export async function redeliverFailedOf(db: Db, endpointId: number): Promise<number> {
  const { rows } = await db.execute(sql`
    UPDATE webhook_deliveries SET ${AGAIN} WHERE endpoint_id = ${endpointId} AND status = 'dead' RETURNING id`)
  return rows.length
}

export type RedeliverOne = { ok: true; status: string } | { ok: false; why: 'missing' | 'in_flight' }

export async function redeliverOne(db: Db, deliveryId: number): Promise<RedeliverOne> {
  const { rows } = await db.execute(sql`
    UPDATE webhook_deliveries SET ${AGAIN}
    WHERE id = ${deliveryId} AND NOT (status = 'pending' AND lease_until > now())
    RETURNING id, status`)
  if (rows[0]) return { ok: true, status: String(rows[0].status) }
  const { rows: found } = await db.execute(sql`SELECT id FROM webhook_deliveries WHERE id = ${deliveryId}`)
  return { ok: false, why: found.length && num(found[0].id) ? 'in_flight' : 'missing' }
}
