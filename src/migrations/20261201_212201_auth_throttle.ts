import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (not a Payload collection): the sign-in, sign-up and password-reset throttle's counters, one row
 * per account or client address and fixed window, so every web instance counts the same attempts
 * (src/services/auth/throttle.ts, docs/decisions/0002-auth-throttle.md). Rows of windows long over are deleted as
 * new attempts come in.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "auth_throttle" (
    "key" text PRIMARY KEY,
    "window_start" timestamptz NOT NULL,
    "attempts" integer NOT NULL
  );
  CREATE INDEX IF NOT EXISTS "auth_throttle_window_start_idx" ON "auth_throttle" ("window_start");
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE IF EXISTS "auth_throttle";
  `)
}
