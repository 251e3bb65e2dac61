import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { type Db, dbOf, num } from '../../db/sql'

/**
 * `capture_failed_total{kind}`: how many times a capture ended `failed` (retries exhausted, not capturable, or refused),
 * by the failure's kind. Counted from the domain events (`payout.capture_failed`) — append-only, nobody may edit or
 * delete them — rather than from payouts currently `failed`, so the counter never goes down when Ops retries a
 * capture that then succeeds, and every process (web, worker) reports the same number across restarts.
 */
export async function captureFailuresByKind(db: Db): Promise<{ kind: string; count: number }[]> {
  const { rows } = await db.execute(sql`
    SELECT coalesce(data ->> 'kind', 'unknown') AS kind, count(*)::int AS n FROM events
    WHERE type = 'payout.capture_failed' GROUP BY 1`)
  return rows.map((r) => ({ kind: String(r.kind), count: num(r.n) }))
}

/** Every capture failure so far, whatever its kind. */
export async function captureFailedTotal(payload: Payload): Promise<number> {
  return (await captureFailuresByKind(dbOf(payload))).reduce((sum, r) => sum + r.count, 0)
}
