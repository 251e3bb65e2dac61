import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_kpi_snapshots_kpi" AS ENUM('awaiting_schedule', 'scheduled', 'reminder_overdue', 'payout_pending');
  CREATE TYPE "public"."enum_kpi_snapshots_source" AS ENUM('live', 'audit');
  CREATE TABLE "kpi_snapshots" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" varchar NOT NULL,
  	"kpi" "enum_kpi_snapshots_kpi" NOT NULL,
  	"value" numeric NOT NULL,
  	"source" "enum_kpi_snapshots_source" NOT NULL,
  	"taken_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "assignments" ADD COLUMN "label" varchar;
  CREATE INDEX "kpi_snapshots_day_idx" ON "kpi_snapshots" USING btree ("day");
  CREATE INDEX "kpi_snapshots_updated_at_idx" ON "kpi_snapshots" USING btree ("updated_at");
  CREATE INDEX "kpi_snapshots_created_at_idx" ON "kpi_snapshots" USING btree ("created_at");
  CREATE UNIQUE INDEX "day_kpi_idx" ON "kpi_snapshots" USING btree ("day","kpi");
  CREATE INDEX "assignments_label_idx" ON "assignments" USING btree ("label");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "kpi_snapshots" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "kpi_snapshots" CASCADE;
  DROP INDEX "assignments_label_idx";
  ALTER TABLE "assignments" DROP COLUMN "label";
  DROP TYPE "public"."enum_kpi_snapshots_kpi";
  DROP TYPE "public"."enum_kpi_snapshots_source";`)
}
