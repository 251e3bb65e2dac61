import { sql } from '@payloadcms/db-postgres'
import type { Endpoint, PayloadRequest } from 'payload'

import { userIsOps } from '../../access/isOps'
import { sqlOf } from '../../db/sql'
import { documented, idParam, int, nullable, obj, str } from '../../openapi/declare'
import { writeAuditEvent } from '../../operations/record'
import { requireUser, routeId } from '../../operations/request'
import { inTransaction } from '../../operations/transaction'
import { redeliverFailedOf } from '../../services/webhooks/redeliver'
import { revealSecret, rotateSecret } from '../../services/webhooks/secrets'
import { conflict, forbidden, notFound } from '../../utilities/errors'

/** Ops only: 401 without a session, 403 for anyone else. */
export function requireOps(req: PayloadRequest) {
  const user = requireUser(req)
  if (!userIsOps(user as never)) throw forbidden('Webhooks are managed by Ops.')
  return user
}

/** The endpoint's row, locked for the rest of the transaction; 404 when there is none. */
async function lockEndpoint(req: PayloadRequest, id: number): Promise<{ id: number; enabled: boolean }> {
  const { rows } = await (await sqlOf(req)).execute(sql`SELECT id, enabled FROM webhook_endpoints WHERE id = ${id} FOR UPDATE`)
  if (!rows[0]) throw notFound(`No webhook endpoint ${id}.`)
  return { id, enabled: rows[0].enabled === true }
}

const OPS_ERRORS = {
  401: { description: 'Not signed in.' },
  403: { description: 'Not Ops.' },
  404: { description: 'No such webhook endpoint.' },
}

export const revealSigningSecret: Endpoint = documented(
  {
    path: '/:id/reveal-secret',
    method: 'post',
    handler: async (req) => {
      const user = requireOps(req)
      const id = routeId(req)
      const revealed = await inTransaction(req, async () => {
        await lockEndpoint(req, id)
        const r = await revealSecret(await sqlOf(req), id)
        if ('secret' in r) await writeAuditEvent({ req, entity: 'webhook-endpoints', entityId: id, action: 'revealSecret', actorRole: 'ops', data: { by: user.id } })
        return r
      })
      if (!('secret' in revealed)) {
        throw conflict('The signing secret was already shown once. Rotate it to get a new one (the old one keeps working for 24 hours).', {
          shownAt: revealed.alreadyShownAt,
        })
      }
      return Response.json(revealed, { headers: { 'cache-control': 'no-store' } })
    },
  },
  {
    tag: 'Webhooks',
    auth: 'ops',
    summary: "Shows the endpoint's signing secret, once",
    description:
      'The secret generated when the endpoint was created, the first time it is asked for. Later calls are 409: rotate to get a new one.',
    params: [idParam('webhook endpoint')],
    responses: {
      200: { description: 'The secret (`whsec_…`) and when it was made.', schema: obj({ secret: str(), createdAt: str('ISO 8601') }) },
      ...OPS_ERRORS,
      409: { description: 'Already shown (`errors[0].data.shownAt`).' },
    },
  },
)

export const rotateSigningSecret: Endpoint = documented(
  {
    path: '/:id/rotate-secret',
    method: 'post',
    handler: async (req) => {
      requireOps(req)
      const id = routeId(req)
      const rotated = await inTransaction(req, async () => {
        await lockEndpoint(req, id)
        const r = await rotateSecret(await sqlOf(req), id)
        await writeAuditEvent({ req, entity: 'webhook-endpoints', entityId: id, action: 'rotateSecret', actorRole: 'ops', data: { previousValidUntil: r.previousValidUntil } })
        return r
      })
      return Response.json(rotated, { headers: { 'cache-control': 'no-store' } })
    },
  },
  {
    tag: 'Webhooks',
    auth: 'ops',
    summary: 'Rotates the signing secret',
    description:
      'A new secret, shown in this answer only. The secrets valid before keep signing for 24 hours (every delivery carries one `v1` per valid secret meanwhile), so the receiver can switch without missing one.',
    params: [idParam('webhook endpoint')],
    responses: {
      200: {
        description: 'The new secret, and until when the previous one still signs (null when there was none).',
        schema: obj({ secret: str(), previousValidUntil: nullable(str('ISO 8601')) }),
      },
      ...OPS_ERRORS,
    },
  },
)

export const redeliverFailed: Endpoint = documented(
  {
    path: '/:id/redeliver-failed',
    method: 'post',
    handler: async (req) => {
      requireOps(req)
      const id = routeId(req)
      const redelivered = await inTransaction(req, async () => {
        const endpoint = await lockEndpoint(req, id)
        if (!endpoint.enabled) throw conflict('The endpoint is disabled: enable it first (once the receiver works again), then redeliver.')
        const n = await redeliverFailedOf(await sqlOf(req), id)
        await writeAuditEvent({ req, entity: 'webhook-endpoints', entityId: id, action: 'redeliverFailed', actorRole: 'ops', data: { redelivered: n } })
        return n
      })
      return Response.json({ redelivered })
    },
  },
  {
    tag: 'Webhooks',
    auth: 'ops',
    summary: 'Redelivers every dead delivery of the endpoint',
    description:
      'Every delivery of this endpoint that ended `dead` is pending again, due now, retried for another WEBHOOK_RETRY_HOURS; each goes out with its original event id (receivers dedupe by it), per record in version order.',
    params: [idParam('webhook endpoint')],
    responses: {
      200: { description: 'How many deliveries are pending again.', schema: obj({ redelivered: int() }) },
      ...OPS_ERRORS,
      409: { description: 'The endpoint is disabled.' },
    },
  },
)
