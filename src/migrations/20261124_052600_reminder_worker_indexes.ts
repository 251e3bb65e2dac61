import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Indexes for the reminder worker's set-based queries, written by hand (Payload's config has no partial or expression
 * indexes). Each names the query it serves.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  -- dispatch and the health check: pending reminders by due time
  CREATE INDEX IF NOT EXISTS "reminder_logs_pending_due_idx" ON "reminder_logs" ("next_attempt_at") WHERE "status" = 'pending';
  -- /api/metrics: outcome counts by status, kind, channel and reason (an index-only scan)
  CREATE INDEX IF NOT EXISTS "reminder_logs_outcomes_idx" ON "reminder_logs" ("status", "kind", "channel", "reason");
  -- the planners: "is this reminder of this visit already recorded?"
  CREATE INDEX IF NOT EXISTS "reminder_logs_plan_idx" ON "reminder_logs" ("assignment_id", "kind", "planned_start");
  -- the worker's job claim: runnable jobs of a queue, oldest first
  CREATE INDEX IF NOT EXISTS "payload_jobs_runnable_idx" ON "payload_jobs" ("queue", (coalesce("wait_until", "created_at")), "id")
    WHERE "completed_at" IS NULL AND "has_error" IS NOT TRUE AND "processing" = false;
  -- dispatch: "does this reminder already have a live delivery job?"
  CREATE INDEX IF NOT EXISTS "payload_jobs_live_log_idx" ON "payload_jobs" (("input" ->> 'logId')) WHERE "completed_at" IS NULL;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "payload_jobs_live_log_idx";
  DROP INDEX IF EXISTS "payload_jobs_runnable_idx";
  DROP INDEX IF EXISTS "reminder_logs_plan_idx";
  DROP INDEX IF EXISTS "reminder_logs_outcomes_idx";
  DROP INDEX IF EXISTS "reminder_logs_pending_due_idx";
  `)
}
