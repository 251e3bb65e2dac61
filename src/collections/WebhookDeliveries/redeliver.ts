import type { Endpoint } from 'payload'

import { sqlOf } from '../../db/sql'
import { documented, idParam, obj, ref } from '../../openapi/declare'
import { writeAuditEvent } from '../../operations/record'
import { routeId } from '../../operations/request'
import { inTransaction } from '../../operations/transaction'
import { redeliverOne } from '../../services/webhooks/redeliver'
import { conflict, notFound } from '../../utilities/errors'
import { requireOps } from '../WebhookEndpoints/endpoints'

/** POST /api/webhook-deliveries/:id/redeliver — one delivery again, whatever became of it (not while in flight). */
export const redeliverDelivery: Endpoint = documented(
  {
    path: '/:id/redeliver',
    method: 'post',
    handler: async (req) => {
      requireOps(req)
      const id = routeId(req)
      await inTransaction(req, async () => {
        const result = await redeliverOne(await sqlOf(req), id)
        if (!result.ok && result.why === 'missing') throw notFound(`No webhook delivery ${id}.`)
        if (!result.ok) throw conflict('A worker is sending this delivery right now; wait for its outcome.')
        await writeAuditEvent({ req, entity: 'webhook-deliveries', entityId: id, action: 'redeliver', actorRole: 'ops' })
      })
      const delivery = await req.payload.findByID({ collection: 'webhook-deliveries', id, req, user: req.user, overrideAccess: false, depth: 0 })
      return Response.json({ delivery })
    },
  },
  {
    tag: 'Webhooks',
    auth: 'ops',
    summary: 'Redelivers one delivery',
    description:
      'Dead, delivered or still retrying: the delivery is pending again, due now, with a new retry window. It goes out with its original event id, after any earlier version of the same record still pending for that endpoint.',
    params: [idParam('webhook delivery')],
    responses: {
      200: { description: 'The delivery, pending again.', schema: obj({ delivery: ref('webhook-deliveries') }) },
      401: { description: 'Not signed in.' },
      403: { description: 'Not Ops.' },
      404: { description: 'No such delivery.' },
      409: { description: 'A worker holds it right now.' },
    },
  },
)
