import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Constraints Payload's config cannot express, written by hand. They are the last line of defence for rules the
 * endpoints also check: the database refuses what a race between two requests would otherwise let through.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  // Written by hand (Payload has no config for these): a provider can never hold two scheduled visits that overlap,
  // whatever races between confirms; the database refuses the second (SQLSTATE 23P01), the endpoint answers 409.
  await db.execute(sql`
  CREATE EXTENSION IF NOT EXISTS btree_gist;
  ALTER TABLE "assignments" ADD CONSTRAINT "assignments_provider_no_overlap"
    EXCLUDE USING gist ("provider_id" WITH =, tstzrange("scheduled_start", "scheduled_end", '[)') WITH &&)
    WHERE ("status" = 'scheduled' AND "scheduled_start" IS NOT NULL AND "scheduled_end" IS NOT NULL);
  ALTER TABLE "assignments" ADD CONSTRAINT "assignments_scheduled_has_window"
    CHECK ("status" <> 'scheduled' OR ("scheduled_start" IS NOT NULL AND "scheduled_end" > "scheduled_start"));
  ALTER TABLE "quotes" ADD CONSTRAINT "quotes_amount_positive" CHECK ("amount" > 0 AND "amount" = trunc("amount"));
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_amount_positive" CHECK ("amount" > 0 AND "amount" = trunc("amount"));
  -- one live assignment per job
  CREATE UNIQUE INDEX "assignments_one_active_per_job" ON "assignments" ("job_id")
    WHERE "status" IN ('pending_schedule', 'scheduled', 'completed', 'disputed');
  -- one open proposal per side per assignment
  CREATE UNIQUE INDEX "schedule_proposals_one_open_per_side" ON "schedule_proposals" ("assignment_id", "proposer_role")
    WHERE "status" = 'open';
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "schedule_proposals_one_open_per_side";
  DROP INDEX IF EXISTS "assignments_one_active_per_job";
  ALTER TABLE "payouts" DROP CONSTRAINT IF EXISTS "payouts_amount_positive";
  ALTER TABLE "quotes" DROP CONSTRAINT IF EXISTS "quotes_amount_positive";
  ALTER TABLE "assignments" DROP CONSTRAINT IF EXISTS "assignments_scheduled_has_window";
  ALTER TABLE "assignments" DROP CONSTRAINT IF EXISTS "assignments_provider_no_overlap";
  `)
}
