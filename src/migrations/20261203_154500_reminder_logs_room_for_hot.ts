import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (Payload's config has no storage parameters). A reminder's row is written four times: recorded, then
 * claimed and its attempt counted (neither changes an indexed column, so each may be heap-only, HOT, when its page has
 * room), then sent. At fillfactor 70 only ~40% of those updates found room, and every other one added an entry to each
 * of the table's twelve indexes; at 40 a page keeps room for both new versions of the rows on it (the bench measures
 * it: BENCH_STATEMENTS=1 prints the HOT share). Pages cost ~1.75× the space, for a table of small rows.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`ALTER TABLE "reminder_logs" SET (fillfactor = 40)`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`ALTER TABLE "reminder_logs" SET (fillfactor = 70)`)
}
