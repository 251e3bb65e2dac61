import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (not a Payload collection: no REST, GraphQL or admin route reads or writes it): the one-tap links of
 * reminder emails work once. The action claims its token's id here in its own transaction (src/endpoints/oneTap.ts);
 * the primary key refuses a second claim, and a refused action rolls its claim back.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "one_tap_claims" (
    "token_id" text PRIMARY KEY,
    "user_id" integer NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "assignment_id" integer NOT NULL REFERENCES "assignments" ("id") ON DELETE CASCADE,
    "action" text NOT NULL,
    "claimed_at" timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS "one_tap_claims_assignment_idx" ON "one_tap_claims" ("assignment_id");
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "one_tap_claims";`)
}
