import type { CollectionAfterChangeHook } from 'payload'

import type { Machine } from '../domain/lifecycle'
import { partiesOf } from '../domain/parties'
import { writeAuditEvent } from '../operations/record'
import type { TransitionContext } from './guardStatusChange'

/**
 * Records the first status of every new record (a job posted, a quote made, an assignment an acceptance created).
 * Later moves are audited by the action that makes them (src/operations/pipeline.ts), which is the only way a status
 * changes. The row carries the record's job, customer and provider (partiesOf), so it is visible to them.
 */
export const recordCreation =
  (machine: Machine): CollectionAfterChangeHook =>
  async ({ doc, operation, req, collection }) => {
    if (operation !== 'create') return doc
    const transition = req.context?.transition as TransitionContext | undefined
    const parties = partiesOf(doc)
    await writeAuditEvent({
      req,
      entity: collection.slug,
      entityId: doc.id,
      machine,
      action: 'create',
      actorRole: transition?.actorRole as never,
      fromState: null,
      toState: doc.status,
      job: parties.jobId,
      customer: parties.customerId,
      provider: parties.providerId,
      ...(transition?.action && transition.action !== 'create' ? { data: { cause: transition.action } } : {}),
    })
    return doc
  }
