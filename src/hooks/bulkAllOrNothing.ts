import type { CollectionAfterOperationHook } from 'payload'

import { conflict } from '../utilities/errors'

/**
 * A bulk update or delete (`PATCH`/`DELETE /api/<slug>?where=…`) that fails for some documents changes none: Payload
 * would commit the others and answer 400, so a refused request would have changed data. Thrown before Payload
 * commits the operation's transaction, which it then rolls back.
 */
export const bulkAllOrNothing: CollectionAfterOperationHook = ({ operation, result }) => {
  if (operation !== 'update' && operation !== 'delete') return result
  const errors = (result as { errors?: { id?: unknown; message?: string }[] } | undefined)?.errors
  if (!errors?.length) return result
  throw conflict(`Nothing was ${operation === 'delete' ? 'deleted' : 'changed'}: ${errors.length} of the documents could not be (${errors[0].message}).`, {
    errors: errors.slice(0, 20).map((e) => ({ id: e.id, message: e.message })),
  })
}
