import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (data, not schema): gives the assignments that existed before `assignments.label` their label, in
 * the words src/domain/labels.ts uses for new ones — "<job title> — <customer name, or email>". Later changes of a
 * job's title or a customer's name are carried over by the hooks in src/hooks/assignmentLabel.ts.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  UPDATE "assignments" a
  SET "label" = coalesce(nullif(btrim(j."title"), ''), 'Untitled job') || ' — ' ||
    coalesce(nullif(btrim(u."name"), ''), nullif(btrim(u."email"), ''), 'unknown customer')
  FROM "jobs" j, "users" u
  WHERE j."id" = a."job_id" AND u."id" = a."customer_id" AND a."label" IS NULL;`)
}

export async function down(_args: MigrateDownArgs): Promise<void> {
  // the column goes with the schema migration's down; nothing to undo here
}
