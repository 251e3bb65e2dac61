import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import type { Machine } from '../domain/lifecycle'
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

/** Writes one audit event in the request's transaction. Who acted is the signed-in user, or the system. */
export async function writeAuditEvent({ req, entity, entityId, machine, action, fromState, toState, job, customer, provider, data }: AuditInput) {
  const user = req.user as { id: number; role?: string } | null
  const transition = req.context?.transition as TransitionContext | undefined
  await req.payload.create({
    collection: 'audit-events',
    data: {
      entity,
      entityId: String(entityId),
      machine,
      action,
      actor: user?.id ?? null,
      actorRole: (transition?.actorRole ?? user?.role ?? 'system') as 'ops' | 'customer' | 'provider' | 'system',
      fromState: fromState ?? null,
      toState: toState ?? null,
      at: new Date().toISOString(),
      job: (idOf(job) as number | undefined) ?? null,
      customer: (idOf(customer) as number | undefined) ?? null,
      provider: (idOf(provider) as number | undefined) ?? null,
      data: data ?? null,
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
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
    })
    return doc
  }
