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

const auditTuple = (input: AuditInput) => {
  const { req, entity, entityId, machine, action, fromState, toState, job, customer, provider, data } = input
  const { actorId, actorRole } = actorOf(req, input.actorRole)
  return sql`(${entity}, ${String(entityId)}, ${machine ?? null}, ${action}, ${actorId}::int,
    ${actorRole}::enum_audit_events_actor_role, ${fromState ?? null}, ${toState ?? null}, clock_timestamp(), ${ref(job)}::int,
    ${ref(customer)}::int, ${ref(provider)}::int, ${data ? JSON.stringify(data) : null}::jsonb)`
}

const AUDIT_COLUMNS = sql.raw(
  'entity, entity_id, machine, action, actor_id, actor_role, from_state, to_state, at, job_id, customer_id, provider_id, data',
)

/** Audit rows an action has made so far, written with its event at the end (see `collectAudit`). */
const PENDING = new WeakMap<PayloadRequest, AuditInput[]>()

/**
 * From now until `writeEvent`, the audit rows written for `req` (the action's own moves, and the creations its hooks
 * record) wait in memory and are written together with the action's event, in one statement that links them to it.
 */
export const collectAudit = (req: PayloadRequest): void => {
  PENDING.set(req, [])
}

/** Drops what an action collected (it failed and its transaction rolls back anyway). */
export const discardAudit = (req: PayloadRequest): void => {
  PENDING.delete(req)
}

/**
 * Writes one audit row in the request's transaction — or, inside an action, keeps it for the action's event. One
 * INSERT rather than the Local API's create, which reads the row back: audit events are append-only (nobody may
 * create, update or delete them through the API), so there are no hooks or access rules to run, and every move of
 * every action pays for this write.
 */
export async function writeAuditEvent(input: AuditInput): Promise<void> {
  const pending = PENDING.get(input.req)
  if (pending) {
    pending.push(input)
    return
  }
  const db = await sqlOf(input.req)
  await db.execute(sql`INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES ${auditTuple(input)}`)
}

export type NewEvent = {
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

/**
 * Inserts the domain event row and every audit row the action collected, linked to it, in one statement of the
 * request's transaction. Returns the event's id and when it occurred (the database's clock).
 */
export async function writeEvent(req: PayloadRequest, event: NewEvent): Promise<{ id: number; occurredAt: Date }> {
  const { actorId, actorRole } = actorOf(req, event.actorRole)
  const audits = PENDING.get(req) ?? []
  PENDING.delete(req)
  const db = await sqlOf(req)
  const insertEvent = sql`
    INSERT INTO events (type, entity, entity_id, entity_version, actor_id, actor_role, job_id, customer_id, provider_id,
      data, occurred_at, updated_at, created_at)
    VALUES (${event.type}, ${event.entity}, ${event.entityId}, ${event.entityVersion}, ${actorId}::int,
      ${actorRole}::enum_events_actor_role, ${ref(event.job)}::int, ${ref(event.customer)}::int, ${ref(event.provider)}::int,
      ${JSON.stringify(event.data)}::jsonb, clock_timestamp(), now(), now())
    RETURNING id, occurred_at`
  const { rows } = audits.length
    ? await db.execute(sql`
        WITH e AS (${insertEvent}),
        a AS (
          INSERT INTO audit_events (${AUDIT_COLUMNS}, event_id)
          SELECT v.*, e.id FROM e, (VALUES ${sql.join(audits.map(auditTuple), sql`, `)}) AS v
          RETURNING 1)
        SELECT id, occurred_at, (SELECT count(*) FROM a) AS audits FROM e`)
    : await db.execute(insertEvent)
  return { id: Number(rows[0].id), occurredAt: new Date(String(rows[0].occurred_at)) }
}
