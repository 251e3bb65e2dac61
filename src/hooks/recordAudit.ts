import type { CollectionAfterChangeHook } from 'payload'

import type { Machine } from '../domain/lifecycle'
import { writeAuditEvent } from '../operations/record'
import type { TransitionContext } from './guardStatusChange'

/**
 * Records the first status of every new record (a job posted, a quote made, an assignment an acceptance created).
 * Later moves are audited by the action that makes them (src/operations/pipeline.ts), which is the only way a status
 * changes. `parties` says where the record keeps its job, customer and provider, so the row is visible to them.
 */
export const recordCreation =
  (
    machine: Machine,
    parties: (doc: Record<string, unknown>) => { job?: unknown; customer?: unknown; provider?: unknown },
  ): CollectionAfterChangeHook =>
  async ({ doc, operation, req, collection }) => {
    if (operation !== 'create') return doc
    const transition = req.context?.transition as TransitionContext | undefined
    await writeAuditEvent({
      req,
      entity: collection.slug,
      entityId: doc.id,
      machine,
      action: 'create',
      actorRole: transition?.actorRole as never,
      fromState: null,
      toState: doc.status,
      eventId: transition?.eventId ?? null,
      ...parties(doc),
      ...(transition?.action && transition.action !== 'create' ? { data: { cause: transition.action } } : {}),
    })
    return doc
  }
