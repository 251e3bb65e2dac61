import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { sqlOf } from '../../db/sql'
import type { SuppressionReason } from '../../domain/suppressions'

/**
 * Records every notification of an assignment still waiting to go out as `suppressed` with `reason` (the visit was
 * cancelled, the provider gave the job back, ...), in the action's transaction. The lease is cleared and updated_at
 * stamped like every other outcome, so the Ops chart dates it. A worker holding one of these rows in a batch does not
 * send it (it counts attempts only on rows still pending); one it already handed to the mail server is recorded
 * `sent` all the same, since it did go out.
 */
export async function suppressPending(req: PayloadRequest, assignmentId: number, reason: SuppressionReason): Promise<number> {
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`
    UPDATE reminder_logs SET status = 'suppressed', reason = ${reason}, lease_until = NULL, updated_at = now()
    WHERE assignment_id = ${assignmentId} AND status = 'pending'
    RETURNING id`)
  return rows.length
}
