import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (Payload has no config for these). An action writes the audit rows of its moves first and its
 * domain event last, in one transaction; their link to the event is checked at commit, not row by row. And one event
 * per record version: an action raises its event with the version it gave the record, so two can never claim the
 * same one.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "audit_events" ALTER CONSTRAINT "audit_events_event_id_events_id_fk" DEFERRABLE INITIALLY DEFERRED;
  CREATE UNIQUE INDEX "events_one_per_entity_version" ON "events" ("entity", "entity_id", "entity_version");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "events_one_per_entity_version";
  ALTER TABLE "audit_events" ALTER CONSTRAINT "audit_events_event_id_events_id_fk" NOT DEFERRABLE;`)
}
