import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_schedule_proposals_fk";
  
  DROP INDEX "payload_locked_documents_rels_schedule_proposals_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "schedule_proposals_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "schedule_proposals_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_schedule_proposals_fk" FOREIGN KEY ("schedule_proposals_id") REFERENCES "public"."schedule_proposals"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_schedule_proposals_id_idx" ON "payload_locked_documents_rels" USING btree ("schedule_proposals_id");`)
}
