/**
 * Notification preferences per kind of message (issue 13): email and SMS switches for reminders, nudges and schedule
 * changes, SMS for account messages, personal quiet hours; phones normalised to E.164.
 */
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ADD COLUMN "notifications_reminders_email" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "notifications_reminders_sms" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "notifications_nudges_email" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "notifications_nudges_sms" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "notifications_schedule_email" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "notifications_schedule_sms" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "notifications_transactional_sms" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "notifications_quiet_hours_start" numeric;
  ALTER TABLE "users" ADD COLUMN "notifications_quiet_hours_end" numeric;
  -- carry the old all-or-nothing switches over to every group: nobody gets a message they had turned off
  UPDATE "users" SET
    "notifications_reminders_email" = coalesce("notifications_email", true),
    "notifications_nudges_email" = coalesce("notifications_email", true),
    "notifications_schedule_email" = coalesce("notifications_email", true),
    "notifications_reminders_sms" = coalesce("notifications_sms", false),
    "notifications_nudges_sms" = coalesce("notifications_sms", false),
    "notifications_schedule_sms" = coalesce("notifications_sms", false),
    "notifications_transactional_sms" = coalesce("notifications_sms", false);
  -- phones are E.164 from now on: spaces, dots, dashes and brackets go, 00 becomes +; what still is not E.164
  -- (no country code) cannot be texted and would block every later save of the account, so it is cleared
  UPDATE "users" SET "phone" = regexp_replace(regexp_replace(trim("phone"), '^00', '+'), '[[:space:]().-]', '', 'g')
    WHERE "phone" IS NOT NULL;
  UPDATE "users" SET "phone" = NULL WHERE "phone" !~ '^[+][1-9][0-9]{6,14}$';
  ALTER TABLE "users" DROP COLUMN "notifications_email";
  ALTER TABLE "users" DROP COLUMN "notifications_sms";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ADD COLUMN "notifications_email" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "notifications_sms" boolean DEFAULT false;
  UPDATE "users" SET "notifications_email" = coalesce("notifications_reminders_email", true),
    "notifications_sms" = coalesce("notifications_reminders_sms", false);
  ALTER TABLE "users" DROP COLUMN "notifications_reminders_email";
  ALTER TABLE "users" DROP COLUMN "notifications_reminders_sms";
  ALTER TABLE "users" DROP COLUMN "notifications_nudges_email";
  ALTER TABLE "users" DROP COLUMN "notifications_nudges_sms";
  ALTER TABLE "users" DROP COLUMN "notifications_schedule_email";
  ALTER TABLE "users" DROP COLUMN "notifications_schedule_sms";
  ALTER TABLE "users" DROP COLUMN "notifications_transactional_sms";
  ALTER TABLE "users" DROP COLUMN "notifications_quiet_hours_start";
  ALTER TABLE "users" DROP COLUMN "notifications_quiet_hours_end";`)
}
