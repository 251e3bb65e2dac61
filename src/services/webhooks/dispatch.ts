import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { inDbTransaction } from '../../db/sql'

/** The Payload queue of webhook deliveries: run by the worker's webhook lanes only, never by the reminder lanes. */
export const WEBHOOKS_QUEUE = 'webhooks'
export const DELIVER_WEBHOOKS_TASK = 'deliverWebhooks'

/**
 * Endpoints (enabled) whose next delivery is due: per record only the earliest pending version counts — a later one
 * is not sendable while it waits, however due it looks — and nothing claimed by a live lease.
 */
export const ENDPOINTS_DUE = sql`
  SELECT DISTINCT h.endpoint_id FROM (
    SELECT DISTINCT ON (d.endpoint_id, d.entity, d.entity_id) d.endpoint_id, d.next_attempt_at, d.lease_until
    FROM webhook_deliveries d WHERE d.status = 'pending'
    ORDER BY d.endpoint_id, d.entity, d.entity_id, d.entity_version) h
  JOIN webhook_endpoints e ON e.id = h.endpoint_id
  WHERE e.enabled AND h.next_attempt_at <= now() AND (h.lease_until IS NULL OR h.lease_until < now())`

/**
 * Queues one `deliverWebhooks` job for each enabled endpoint that has a due, unclaimed delivery and no unfinished
 * job — so an endpoint is sent to by one lane at a time, in order, and a slow receiver holds one lane, not all. One
 * INSERT … SELECT; dispatchers of several workers take turns on an advisory lock. The job is only a wake-up call:
 * the deliveries' claim decides what is sent.
 */
export async function dispatchWebhooks(payload: Payload): Promise<number> {
  return inDbTransaction(payload, async (tx) => {
    const { rows } = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext('jobline:webhook-dispatch')) AS ok`)
    if (!rows[0]?.ok) return 0
    const { rows: queued } = await tx.execute(sql`
      WITH live AS (
        SELECT (j.input ->> 'endpointId')::int AS endpoint_id FROM payload_jobs j
        WHERE j.task_slug = ${DELIVER_WEBHOOKS_TASK} AND j.completed_at IS NULL AND j.has_error IS NOT TRUE),
      due AS (
        SELECT endpoint_id FROM (${ENDPOINTS_DUE}) AS d
        WHERE NOT EXISTS (SELECT 1 FROM live WHERE live.endpoint_id = d.endpoint_id))
      INSERT INTO payload_jobs (input, task_slug, queue, processing, total_tried, has_error)
      SELECT jsonb_build_object('endpointId', endpoint_id), ${DELIVER_WEBHOOKS_TASK}::enum_payload_jobs_task_slug, ${WEBHOOKS_QUEUE},
        false, 0, false
      FROM due
      RETURNING id`)
    return queued.length
  })
}
