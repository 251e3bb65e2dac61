import type { CollectionAfterOperationHook } from 'payload'

import { APIError } from 'payload'

import { conflict } from '../utilities/errors'

/**
 * A bulk update or delete (`PATCH`/`DELETE /api/<slug>?where=…`) that fails for some documents changes none: Payload
 * would commit the others and answer 400, so a refused request would have changed data. Thrown before Payload
 * commits the operation's transaction, which it then rolls back. When every document was refused, the request itself
 * was wrong (400, with each refusal); when only some were, the documents disagree with it (409).
 */
export const bulkAllOrNothing: CollectionAfterOperationHook = ({ operation, result }) => {
  if (operation !== 'update' && operation !== 'delete') return result
  const { errors, docs } = (result ?? {}) as { errors?: { id?: unknown; message?: string }[]; docs?: unknown[] }
  if (!errors?.length) return result
  const message = `Nothing was ${operation === 'delete' ? 'deleted' : 'changed'}: ${errors.length} of the documents could not be (${errors[0].message}).`
  const data = { errors: errors.slice(0, 20).map((e) => ({ id: e.id, message: e.message })) }
  if (!docs?.length) throw new APIError(message, 400, data, true)
  throw conflict(message, data)
}
