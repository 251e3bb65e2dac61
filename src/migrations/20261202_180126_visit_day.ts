import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_webhook_endpoints_events" ADD VALUE 'assignment.provider_on_the_way' BEFORE 'assignment.completed';
  ALTER TYPE "public"."enum_webhook_endpoints_events" ADD VALUE 'assignment.provider_arrived' BEFORE 'assignment.completed';
  ALTER TABLE "assignments" ADD COLUMN "visit_day_visit_start" timestamp(3) with time zone;
  ALTER TABLE "assignments" ADD COLUMN "visit_day_on_my_way_at" timestamp(3) with time zone;
  ALTER TABLE "assignments" ADD COLUMN "visit_day_eta_minutes" numeric;
  ALTER TABLE "assignments" ADD COLUMN "visit_day_arrived_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "webhook_endpoints_events" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhook_endpoints_events";
  CREATE TYPE "public"."enum_webhook_endpoints_events" AS ENUM('*', 'job.cancelled', 'quote.accepted', 'quote.declined', 'quote.withdrawn', 'assignment.schedule_proposed', 'proposal.declined', 'assignment.scheduled', 'assignment.rescheduled', 'assignment.cancelled', 'assignment.requeued', 'assignment.rejected', 'assignment.completed', 'assignment.verified', 'assignment.disputed', 'payout.approved', 'payout.rejected', 'payout.sent_to_review', 'payout.capture_retried', 'payout.captured', 'payout.capture_failed');
  ALTER TABLE "webhook_endpoints_events" ALTER COLUMN "value" SET DATA TYPE "public"."enum_webhook_endpoints_events" USING "value"::"public"."enum_webhook_endpoints_events";
  ALTER TABLE "assignments" DROP COLUMN "visit_day_visit_start";
  ALTER TABLE "assignments" DROP COLUMN "visit_day_on_my_way_at";
  ALTER TABLE "assignments" DROP COLUMN "visit_day_eta_minutes";
  ALTER TABLE "assignments" DROP COLUMN "visit_day_arrived_at";`)
}
