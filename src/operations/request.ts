import { addDataAndFileToRequest, type CollectionSlug, type PayloadRequest } from 'payload'

import { checkId, pathIdStatus } from '../domain/ids'
import { badRequest, notFound, unauthorized } from '../utilities/errors'

export type SignedInUser = { id: number; role: 'ops' | 'customer' | 'provider'; email: string; name?: string }

/** The signed-in user, or 401. */
export function requireUser(req: PayloadRequest): SignedInUser {
  if (!req.user) throw unauthorized()
  return req.user as unknown as SignedInUser
}

/** The JSON body as an object, or 400. */
export async function readBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  try {
    await addDataAndFileToRequest(req)
  } catch {
    throw badRequest('The body must be JSON.', 'body')
  }
  const data = req.data
  if (data == null) return {}
  if (typeof data !== 'object' || Array.isArray(data)) throw badRequest('The body must be a JSON object.', 'body')
  return data as Record<string, unknown>
}

/** The id in the route (`/:id/...`): 400 when it is not a number, 404 when no record can have it (src/domain/ids.ts). */
export function routeId(req: PayloadRequest, name = 'id'): number {
  const raw = req.routeParams?.[name]
  const check = checkId(raw, name)
  if (check.ok) return check.id
  throw pathIdStatus(check) === 400 ? badRequest(check.message, name) : notFound(`No record ${String(raw)}.`)
}

/** A record id sent in the body (`proposalId`), or 400 naming the field. */
export function bodyId(body: Record<string, unknown>, field: string): number {
  const check = checkId(body[field], field)
  if (!check.ok) throw badRequest(check.message, field)
  return check.id
}

/**
 * Reads a record with the caller's own access: what they may not see does not exist for them (404), exactly as in
 * the REST API.
 */
export async function readAsUser<T extends CollectionSlug>(req: PayloadRequest, collection: T, id: number, what: string) {
  const doc = await req.payload.findByID({
    collection,
    id,
    req,
    user: req.user,
    overrideAccess: false,
    depth: 0,
    disableErrors: true,
  })
  if (!doc) throw notFound(`No ${what} ${id} that you can see.`)
  return doc
}
