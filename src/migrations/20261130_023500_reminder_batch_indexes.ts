import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (Payload's config has neither partial indexes nor storage parameters).
 * - The dispatch reads the live delivery jobs on every scan to skip reminders that already have one. Completed jobs
 *   are kept for the record, so without this index the read would grow with the job history instead of the queue.
 * - Free space in each page lets the worker's updates that change no indexed column — a reminder's claim and attempt
 *   count, an assignment's last-reminded stamp — be heap-only (HOT): no new entry in each of the tables' indexes, and
 *   for assignments none in the GiST exclusion index either. Applies to pages written from now on.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX IF NOT EXISTS "payload_jobs_live_task_idx" ON "payload_jobs" ("task_slug")
    WHERE "completed_at" IS NULL AND "has_error" IS NOT TRUE;
  ALTER TABLE "reminder_logs" SET (fillfactor = 70);
  ALTER TABLE "assignments" SET (fillfactor = 85);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "assignments" RESET (fillfactor);
  ALTER TABLE "reminder_logs" RESET (fillfactor);
  DROP INDEX IF EXISTS "payload_jobs_live_task_idx";
  `)
}
