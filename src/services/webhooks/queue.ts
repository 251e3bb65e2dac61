import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { sqlOf } from '../../db/sql'
import { ALL_EVENTS } from '../../domain/webhooks'
import type { DomainEvent } from '../../operations/effects'

/**
 * The webhook effect of every domain event (registered with onEvent): one delivery row per enabled endpoint that wants
 * the event's type, in one INSERT … SELECT in the action's own transaction — so an action that rolls back leaves no
 * delivery and one that commits cannot lose its deliveries, whatever happens to any process afterwards. With no
 * endpoint it costs one index probe. The unique (event, endpoint) pair makes a repeat a no-op.
 */
export async function queueWebhookDeliveries(req: PayloadRequest, event: DomainEvent): Promise<void> {
  const db = await sqlOf(req)
  await db.execute(sql`
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, entity, entity_id, entity_version, status, attempts,
      queued_at, next_attempt_at, updated_at, created_at)
    SELECT e.id, ${event.id}, ${event.type}, ${event.entity}, ${event.entityId}, ${event.entityVersion}, 'pending', 0,
      now(), now(), now(), now()
    FROM webhook_endpoints e
    WHERE e.enabled AND EXISTS (
      SELECT 1 FROM webhook_endpoints_events t
      WHERE t.parent_id = e.id AND t.value::text IN (${ALL_EVENTS}, ${event.type}))
    ON CONFLICT (event_id, endpoint_id) DO NOTHING`)
}
