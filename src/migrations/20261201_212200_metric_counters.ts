import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand (not a Payload collection): the outcome counters of /api/metrics must never go down, yet they are
 * counted from reminder_logs rows, which Ops may delete and whose outcome can be rewritten (the runbook's requeue of
 * failed reminders, a send recorded over a suppression that raced it). These triggers keep, per label set, how many
 * outcomes left the table that way; the metrics add them to the live rows' counts. The WHEN clauses are checked in C
 * for each row, so the worker's claims, attempts and pending → outcome writes (OLD.status = 'pending') pay nothing.
 * Also an index for counting capture failures from the domain events (capture_failed_total).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "retired_reminder_outcomes" (
    "status" text NOT NULL,
    "kind" text NOT NULL,
    "channel" text NOT NULL,
    -- the suppression reason ('' for sent and failed), as /api/metrics labels it
    "reason" text NOT NULL DEFAULT '',
    "n" bigint NOT NULL DEFAULT 0,
    PRIMARY KEY ("status", "kind", "channel", "reason")
  );

  CREATE OR REPLACE FUNCTION "retire_reminder_outcome"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO "retired_reminder_outcomes" ("status", "kind", "channel", "reason", "n")
    VALUES (OLD."status"::text, OLD."kind", OLD."channel"::text,
      CASE WHEN OLD."status" = 'suppressed' THEN coalesce(OLD."reason", '') ELSE '' END, 1)
    ON CONFLICT ("status", "kind", "channel", "reason") DO UPDATE SET "n" = "retired_reminder_outcomes"."n" + 1;
    RETURN NULL;
  END $$;

  -- an outcome (sent, failed, suppressed) rewritten: requeued, or its labels changed
  CREATE TRIGGER "reminder_logs_outcome_rewritten" AFTER UPDATE ON "reminder_logs" FOR EACH ROW
    WHEN (OLD."status" <> 'pending' AND
      (OLD."status", OLD."kind", OLD."channel", CASE WHEN OLD."status" = 'suppressed' THEN coalesce(OLD."reason", '') ELSE '' END)
      IS DISTINCT FROM
      (NEW."status", NEW."kind", NEW."channel", CASE WHEN NEW."status" = 'suppressed' THEN coalesce(NEW."reason", '') ELSE '' END))
    EXECUTE FUNCTION "retire_reminder_outcome"();

  -- an outcome deleted
  CREATE TRIGGER "reminder_logs_outcome_deleted" AFTER DELETE ON "reminder_logs" FOR EACH ROW
    WHEN (OLD."status" <> 'pending')
    EXECUTE FUNCTION "retire_reminder_outcome"();

  -- capture_failed_total{kind}: the few capture failures among all events, by kind
  CREATE INDEX IF NOT EXISTS "events_capture_failed_idx" ON "events" ((coalesce("data" ->> 'kind', 'unknown')))
    WHERE "type" = 'payout.capture_failed';
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "events_capture_failed_idx";
  DROP TRIGGER IF EXISTS "reminder_logs_outcome_deleted" ON "reminder_logs";
  DROP TRIGGER IF EXISTS "reminder_logs_outcome_rewritten" ON "reminder_logs";
  DROP FUNCTION IF EXISTS "retire_reminder_outcome"();
  DROP TABLE IF EXISTS "retired_reminder_outcomes";
  `)
}
