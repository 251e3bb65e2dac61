import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { type Db, dbOf, num } from '../notifications/db'

/**
 * `capture_failed_total{kind}`: how many times a capture ended `failed` (retries exhausted, not capturable, or refused),
 * by the failure's kind. Counted from the audit trail — append-only, nobody may edit or delete it — rather than from
 * payouts currently `failed`, so the counter never goes down when Ops retries a capture that then succeeds, and every
 * process (web, worker) reports the same number across restarts. Events recorded before the kind was (none) read
 * `unknown`.
 */
export async function captureFailuresByKind(db: Db): Promise<{ kind: string; count: number }[]> {
  const { rows } = await db.execute(sql`
    SELECT coalesce(data ->> 'kind', 'unknown') AS kind, count(*)::int AS n FROM audit_events
    WHERE entity = 'payouts' AND action = 'captureFailed' AND to_state = 'failed' GROUP BY 1`)
  return rows.map((r) => ({ kind: String(r.kind), count: num(r.n) }))
}

/** Every capture failure so far, whatever its kind. */
export async function captureFailedTotal(payload: Payload): Promise<number> {
  return (await captureFailuresByKind(dbOf(payload))).reduce((sum, r) => sum + r.count, 0)
}
