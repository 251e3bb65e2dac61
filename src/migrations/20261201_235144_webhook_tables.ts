import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Written by hand, after the webhooks collections' own migration (Payload has no config for any of this):
 * - `webhook_secrets`: the endpoints' signing secrets, encrypted (src/services/webhooks/secrets.ts). Not a Payload
 *   collection, so no REST, GraphQL or admin route can read one back.
 * - `webhook_attempts`: one row per attempt, append-only — /api/metrics counts webhook_deliveries_total{result} and the
 *   webhook_delivery_seconds histogram from it, so they never go down. Deleting an endpoint or a delivery keeps them.
 * - Deleting an endpoint deletes its deliveries (Payload made the key ON DELETE SET NULL on a NOT NULL column).
 * - Partial indexes for the worker: each record's earliest pending delivery per endpoint (the claim), and pending
 *   deliveries by due time (the dispatcher and the pending gauges).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "webhook_secrets" (
    "id" serial PRIMARY KEY,
    "endpoint_id" integer NOT NULL REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
    -- AES-256-GCM under a key derived from PAYLOAD_SECRET: v1.<iv>.<tag>.<data>
    "ciphertext" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    -- NULL: the current secret; set when it is rotated out (it signs until then)
    "expires_at" timestamptz,
    -- when it was shown, once
    "revealed_at" timestamptz
  );
  CREATE INDEX IF NOT EXISTS "webhook_secrets_endpoint_idx" ON "webhook_secrets" ("endpoint_id");

  CREATE TABLE IF NOT EXISTS "webhook_attempts" (
    "id" bigserial PRIMARY KEY,
    "delivery_id" integer REFERENCES "webhook_deliveries" ("id") ON DELETE SET NULL,
    "endpoint_id" integer REFERENCES "webhook_endpoints" ("id") ON DELETE SET NULL,
    "event_id" integer,
    "attempt" integer NOT NULL,
    "result" text NOT NULL CHECK ("result" IN ('delivered', 'http_error', 'timeout', 'network_error', 'blocked')),
    "status_code" integer,
    "latency_ms" integer NOT NULL,
    "error" text,
    "started_at" timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS "webhook_attempts_delivery_idx" ON "webhook_attempts" ("delivery_id");
  -- /api/metrics: counts by result and latency (an index-only scan)
  CREATE INDEX IF NOT EXISTS "webhook_attempts_result_idx" ON "webhook_attempts" ("result", "latency_ms");

  ALTER TABLE "webhook_deliveries" DROP CONSTRAINT IF EXISTS "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk";
  ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk"
    FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE;

  -- the claim: per endpoint, each record's pending deliveries in version order (DISTINCT ON reads the first of each)
  CREATE INDEX IF NOT EXISTS "webhook_deliveries_pending_heads_idx" ON "webhook_deliveries"
    ("endpoint_id", "entity", "entity_id", "entity_version") WHERE "status" = 'pending';
  -- the dispatcher and the pending gauges: pending deliveries by due time
  CREATE INDEX IF NOT EXISTS "webhook_deliveries_pending_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending';
  -- the admin panel: an endpoint's recent deliveries
  CREATE INDEX IF NOT EXISTS "webhook_deliveries_endpoint_recent_idx" ON "webhook_deliveries" ("endpoint_id", "created_at" DESC);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "webhook_deliveries_endpoint_recent_idx";
  DROP INDEX IF EXISTS "webhook_deliveries_pending_due_idx";
  DROP INDEX IF EXISTS "webhook_deliveries_pending_heads_idx";
  ALTER TABLE "webhook_deliveries" DROP CONSTRAINT IF EXISTS "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk";
  ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk"
    FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints" ("id") ON DELETE SET NULL;
  DROP TABLE IF EXISTS "webhook_attempts";
  DROP TABLE IF EXISTS "webhook_secrets";
  `)
}
