import { sql } from '@payloadcms/db-postgres'

import type { Db } from '../db/sql'
import type { WorkerIdentity } from './identity'

/**
 * One row per worker process, stamped with the database's clock (so /api/health compares like with like). Rows of
 * processes gone for a week are pruned; a stopped worker's row stays until then, so its silence shows.
 */
export async function beat(db: Db, w: WorkerIdentity, stats: Record<string, unknown>): Promise<void> {
  await db.execute(sql`
    INSERT INTO worker_heartbeats (worker_id, host, pid, started_at, beat_at, stats)
    VALUES (${w.id}, ${w.host}, ${w.pid}, ${w.startedAt.toISOString()}::timestamptz, now(), ${JSON.stringify(stats)}::jsonb)
    ON CONFLICT (worker_id) DO UPDATE SET beat_at = now(), stats = excluded.stats, updated_at = now()`)
}

export async function pruneHeartbeats(db: Db, olderThanDays = 7): Promise<void> {
  await db.execute(sql`DELETE FROM worker_heartbeats WHERE beat_at < now() - ${olderThanDays} * interval '1 day'`)
}
