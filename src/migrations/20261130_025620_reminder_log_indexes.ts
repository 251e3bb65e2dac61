import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "reminder_logs_kind_idx";
  DROP INDEX "reminder_logs_status_idx";
  DROP INDEX "reminder_logs_next_attempt_at_idx";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "reminder_logs_kind_idx" ON "reminder_logs" USING btree ("kind");
  CREATE INDEX "reminder_logs_status_idx" ON "reminder_logs" USING btree ("status");
  CREATE INDEX "reminder_logs_next_attempt_at_idx" ON "reminder_logs" USING btree ("next_attempt_at");`)
}
