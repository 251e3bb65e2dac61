import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import type { Machine } from '../domain/lifecycle'
import { sqlOf } from '../services/actions/transaction'
import { idOf } from '../utilities/idOf'
import type { TransitionContext } from './guardStatusChange'

type AuditInput = {
  req: PayloadRequest
  entity: string
  entityId: number | string
  machine?: Machine
  action: string
  fromState?: string | null
  toState?: string | null
  job?: unknown
  customer?: unknown
  provider?: unknown
  data?: Record<string, unknown>
}

const ACTOR_ROLES = ['ops', 'customer', 'provider', 'system'] as const

/**
 * Writes one audit event in the request's transaction. Who acted is the signed-in user, or the system. One INSERT
 * rather than the Local API's create, which reads the row back: audit events are append-only (nobody may create,
 * update or delete them through the API), so there are no hooks or access rules to run, and every status change of
 * every action pays for this write.
 */
export async function writeAuditEvent({ req, entity, entityId, machine, action, fromState, toState, job, customer, provider, data }: AuditInput) {
  const user = req.user as { id: number; role?: string } | null
  const transition = req.context?.transition as TransitionContext | undefined
  const role = transition?.actorRole ?? user?.role ?? 'system'
  const actorRole = (ACTOR_ROLES as readonly string[]).includes(role) ? role : 'system'
  const ref = (value: unknown) => {
    const id = Number(idOf(value))
    return Number.isInteger(id) && id > 0 ? id : null
  }
  const db = await sqlOf(req)
  await db.execute(sql`
    INSERT INTO audit_events (entity, entity_id, machine, action, actor_id, actor_role, from_state, to_state, at, job_id,
      customer_id, provider_id, data)
    VALUES (${entity}, ${String(entityId)}, ${machine ?? null}, ${action}, ${user?.id ?? null}::int,
      ${actorRole}::enum_audit_events_actor_role, ${fromState ?? null}, ${toState ?? null}, clock_timestamp(), ${ref(job)}::int,
      ${ref(customer)}::int, ${ref(provider)}::int, ${data ? JSON.stringify(data) : null}::jsonb)`)
}

/**
 * Records an audit event for every status a record takes: its first status on create and every change after.
 * `parties` says where the record keeps its job, customer and provider, so the event is visible to the same people.
 */
export const recordStatusChange =
  (
    machine: Machine,
    parties: (doc: Record<string, unknown>) => { job?: unknown; customer?: unknown; provider?: unknown },
  ): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, operation, req, collection }) => {
    const from = operation === 'create' ? null : (previousDoc?.status as string | undefined)
    if (operation === 'update' && from === doc.status) return doc
    const transition = req.context?.transition as TransitionContext | undefined
    await writeAuditEvent({
      req,
      entity: collection.slug,
      entityId: doc.id,
      machine,
      action: operation === 'create' ? 'create' : (transition?.action ?? 'edit'),
      fromState: from,
      toState: doc.status,
      ...parties(doc),
      data: transition?.data,
    })
    return doc
  }
