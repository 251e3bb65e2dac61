import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Machine } from '../domain/lifecycle'
import type { Actor } from '../domain/roles'
import { sqlOf } from '../db/sql'
import { idOf } from '../utilities/idOf'

export type AuditInput = {
  req: PayloadRequest
  entity: string
  entityId: number | string
  machine?: Machine
  action: string
  actorRole?: Actor
  fromState?: string | null
  toState?: string | null
  job?: unknown
  customer?: unknown
  provider?: unknown
  /** The domain event of the action this row belongs to. */
  eventId?: number | null
  data?: Record<string, unknown>
}

const ACTOR_ROLES: readonly string[] = ['ops', 'customer', 'provider', 'system']

const ref = (value: unknown) => {
  const id = Number(idOf(value))
  return Number.isInteger(id) && id > 0 ? id : null
}

/** The signed-in user acting, unless the action says it acts as the system. */
const actorOf = (req: PayloadRequest, role?: Actor) => {
  const user = req.user as { id: number; role?: string } | null
  const actorRole = role ?? (user?.role as Actor | undefined) ?? 'system'
  return { actorId: actorRole === 'system' ? null : (user?.id ?? null), actorRole: ACTOR_ROLES.includes(actorRole) ? actorRole : 'system' }
}

/**
 * Writes one audit row in the request's transaction. One INSERT rather than the Local API's create, which reads the row
 * back: audit events are append-only (nobody may create, update or delete them through the API), so there are no hooks
 * or access rules to run, and every move of every action pays for this write.
 */
export async function writeAuditEvent(input: AuditInput): Promise<void> {
  const { req, entity, entityId, machine, action, fromState, toState, job, customer, provider, eventId, data } = input
  const { actorId, actorRole } = actorOf(req, input.actorRole)
  const db = await sqlOf(req)
  await db.execute(sql`
    INSERT INTO audit_events (entity, entity_id, machine, action, actor_id, actor_role, from_state, to_state, at, job_id,
      customer_id, provider_id, event_id, data)
    VALUES (${entity}, ${String(entityId)}, ${machine ?? null}, ${action}, ${actorId}::int,
      ${actorRole}::enum_audit_events_actor_role, ${fromState ?? null}, ${toState ?? null}, clock_timestamp(), ${ref(job)}::int,
      ${ref(customer)}::int, ${ref(provider)}::int, ${eventId ?? null}::int, ${data ? JSON.stringify(data) : null}::jsonb)`)
}

/** Reserves the id of the event an action will raise, so every audit row it writes on the way can point at it. */
export async function reserveEventId(req: PayloadRequest): Promise<number> {
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`SELECT nextval(pg_get_serial_sequence('events', 'id')) AS id`)
  return Number(rows[0].id)
}

export type NewEvent = {
  id: number
  type: string
  entity: string
  entityId: number
  entityVersion: number
  actorRole: Actor
  job?: unknown
  customer?: unknown
  provider?: unknown
  data: Record<string, unknown>
}

/** Inserts the domain event row in the request's transaction; returns when it occurred (the database's clock). */
export async function writeEvent(req: PayloadRequest, event: NewEvent): Promise<Date> {
  const { actorId, actorRole } = actorOf(req, event.actorRole)
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`
    INSERT INTO events (id, type, entity, entity_id, entity_version, actor_id, actor_role, job_id, customer_id, provider_id,
      data, occurred_at, updated_at, created_at)
    VALUES (${event.id}, ${event.type}, ${event.entity}, ${event.entityId}, ${event.entityVersion}, ${actorId}::int,
      ${actorRole}::enum_events_actor_role, ${ref(event.job)}::int, ${ref(event.customer)}::int, ${ref(event.provider)}::int,
      ${JSON.stringify(event.data)}::jsonb, clock_timestamp(), now(), now())
    RETURNING occurred_at`)
  return new Date(String(rows[0].occurred_at))
}
