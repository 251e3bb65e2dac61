import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_webhook_endpoints_events" ADD VALUE 'assignment.attendance_confirmed' BEFORE 'assignment.completed';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "webhook_endpoints_events" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhook_endpoints_events";
  CREATE TYPE "public"."enum_webhook_endpoints_events" AS ENUM('*', 'job.cancelled', 'quote.accepted', 'quote.declined', 'quote.withdrawn', 'assignment.schedule_proposed', 'proposal.declined', 'assignment.scheduled', 'assignment.rescheduled', 'assignment.cancelled', 'assignment.requeued', 'assignment.rejected', 'assignment.provider_on_the_way', 'assignment.provider_arrived', 'assignment.completed', 'assignment.verified', 'assignment.disputed', 'payout.approved', 'payout.rejected', 'payout.sent_to_review', 'payout.capture_retried', 'payout.captured', 'payout.capture_failed');
  ALTER TABLE "webhook_endpoints_events" ALTER COLUMN "value" SET DATA TYPE "public"."enum_webhook_endpoints_events" USING "value"::"public"."enum_webhook_endpoints_events";`)
}
