import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_events_actor_role" AS ENUM('ops', 'customer', 'provider', 'system');
  CREATE TABLE "events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"type" varchar NOT NULL,
  	"entity" varchar NOT NULL,
  	"entity_id" numeric NOT NULL,
  	"entity_version" numeric NOT NULL,
  	"actor_id" integer,
  	"actor_role" "enum_events_actor_role" NOT NULL,
  	"job_id" integer,
  	"customer_id" integer,
  	"provider_id" integer,
  	"data" jsonb,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "assignments" ALTER COLUMN "version" DROP NOT NULL;
  ALTER TABLE "jobs" ADD COLUMN "version" numeric DEFAULT 1;
  ALTER TABLE "quotes" ADD COLUMN "version" numeric DEFAULT 1;
  ALTER TABLE "schedule_proposals" ADD COLUMN "version" numeric DEFAULT 1;
  ALTER TABLE "reminder_logs" ADD COLUMN "ics" varchar;
  ALTER TABLE "reminder_logs" ADD COLUMN "ics_method" varchar;
  ALTER TABLE "payouts" ADD COLUMN "version" numeric DEFAULT 1;
  ALTER TABLE "audit_events" ADD COLUMN "event_id" integer;
  ALTER TABLE "events" ADD CONSTRAINT "events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "events" ADD CONSTRAINT "events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "events" ADD CONSTRAINT "events_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "events" ADD CONSTRAINT "events_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "events_type_idx" ON "events" USING btree ("type");
  CREATE INDEX "events_actor_idx" ON "events" USING btree ("actor_id");
  CREATE INDEX "events_job_idx" ON "events" USING btree ("job_id");
  CREATE INDEX "events_customer_idx" ON "events" USING btree ("customer_id");
  CREATE INDEX "events_provider_idx" ON "events" USING btree ("provider_id");
  CREATE INDEX "events_occurred_at_idx" ON "events" USING btree ("occurred_at");
  CREATE INDEX "events_updated_at_idx" ON "events" USING btree ("updated_at");
  CREATE INDEX "events_created_at_idx" ON "events" USING btree ("created_at");
  CREATE INDEX "entity_entityId_entityVersion_idx" ON "events" USING btree ("entity","entity_id","entity_version");
  ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "audit_events_event_idx" ON "audit_events" USING btree ("event_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "events" CASCADE;
  ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_event_id_events_id_fk";
  
  DROP INDEX "audit_events_event_idx";
  ALTER TABLE "assignments" ALTER COLUMN "version" SET NOT NULL;
  ALTER TABLE "jobs" DROP COLUMN "version";
  ALTER TABLE "quotes" DROP COLUMN "version";
  ALTER TABLE "schedule_proposals" DROP COLUMN "version";
  ALTER TABLE "reminder_logs" DROP COLUMN "ics";
  ALTER TABLE "reminder_logs" DROP COLUMN "ics_method";
  ALTER TABLE "payouts" DROP COLUMN "version";
  ALTER TABLE "audit_events" DROP COLUMN "event_id";
  DROP TYPE "public"."enum_events_actor_role";`)
}
