import type { CollectionBeforeChangeHook } from 'payload'

import { userIsOps } from '../access/isOps'
import { opsEdgeBetween, type Machine, type StateOf } from '../domain/lifecycle'
import { conflict, forbidden } from '../utilities/errors'

/** `data` goes on the move's audit event (e.g. why a capture failed), for what is counted from the audit trail. */
export type TransitionContext = { action: string; actorRole?: string; data?: Record<string, unknown> }

/**
 * A status changes only along the lifecycle table. Actions (endpoints, tasks) ask the table themselves and mark the
 * request with `context.transition`; any other change must come from Ops editing the record and follow an edge of the
 * table (recorded as `ops:<action>`), or it is a 409.
 */
export const guardStatusChange =
  (machine: Machine): CollectionBeforeChangeHook =>
  ({ data, originalDoc, operation, req }) => {
    if (operation !== 'update' || !data?.status || !originalDoc || data.status === originalDoc.status) return data
    if (req.context?.transition) return data
    if (!userIsOps(req.user)) throw forbidden('Status changes only through its actions.')
    const action = opsEdgeBetween(machine, originalDoc.status as StateOf<Machine>, data.status as StateOf<Machine>)
    if (!action) {
      throw conflict(`A ${machine} cannot move from ${originalDoc.status} to ${data.status}.`, {
        from: originalDoc.status,
        to: data.status,
      })
    }
    req.context.transition = { action: `ops:${action}`, actorRole: 'ops' } satisfies TransitionContext
    return data
  }
