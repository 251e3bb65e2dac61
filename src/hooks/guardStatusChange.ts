import type { CollectionBeforeChangeHook } from 'payload'

import { INITIAL_STATES, type Machine } from '../domain/lifecycle'
import { forbidden } from '../utilities/errors'

export type TransitionContext = { action: string; actorRole?: string }

/**
 * A status changes only through an action (src/operations), which asks the lifecycle table and marks its writes with
 * `context.transition`. Any other change — a REST or GraphQL PATCH, an admin edit, by anyone including Ops — is a
 * 403 naming the field; a record is created in its machine's first state unless an action or the seed says otherwise.
 */
export const guardStatusChange =
  (machine: Machine): CollectionBeforeChangeHook =>
  ({ data, originalDoc, operation, req }) => {
    if (!data?.status || req.context?.transition) return data
    if (operation === 'create') {
      if (data.status === INITIAL_STATES[machine] || req.context?.trusted) return data
      throw forbidden(`"status" starts as ${INITIAL_STATES[machine]}: leave it out, and move it with the record's actions.`)
    }
    if (!originalDoc || data.status === originalDoc.status) return data
    throw forbidden(`"status" changes only through the record's actions (POST /api/<collection>/:id/<action>), not by editing it.`)
  }
