import type { PayloadRequest, Where } from 'payload'

import type { Actor } from '../../domain/roles'
import { actionContext } from './request'

type StatusCollection = 'quotes' | 'schedule-proposals'

/**
 * Moves every record matching `where` to `status` as one action of the lifecycle (declining the other quotes,
 * superseding open proposals), inside the request's transaction, each with its audit row. Returns their ids.
 */
export async function moveEach(
  req: PayloadRequest,
  collection: StatusCollection,
  where: Where,
  status: string,
  action: string,
  actor: Actor = 'system',
): Promise<number[]> {
  const { docs } = await req.payload.find({ collection, where, limit: 1000, pagination: false, depth: 0, req, overrideAccess: true })
  for (const doc of docs) {
    await req.payload.update({
      collection,
      id: doc.id,
      data: { status } as never,
      req,
      overrideAccess: true,
      depth: 0,
      context: actionContext(action, actor),
    })
  }
  return docs.map((d) => d.id)
}
