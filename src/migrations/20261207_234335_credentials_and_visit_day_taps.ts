import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ADD COLUMN "credentials_changed_at" timestamp(3) with time zone;
  ALTER TABLE "assignments" ADD COLUMN "visit_day_taps" numeric;
  ALTER TABLE "assignments" ADD COLUMN "visit_day_notified_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" DROP COLUMN "credentials_changed_at";
  ALTER TABLE "assignments" DROP COLUMN "visit_day_taps";
  ALTER TABLE "assignments" DROP COLUMN "visit_day_notified_at";`)
}
