import { sql } from '@payloadcms/db-postgres'
import { APIError, type Endpoint } from 'payload'

import { sqlOf } from '../db/sql'
import { attendVisit } from '../operations/attendVisit'
import { runAsLink } from '../operations/pipeline'
import { readBody } from '../operations/request'
import { documented, obj, ref, str } from '../openapi/declare'
import { verifyOneTap } from '../services/oneTap/token'
import { badRequest, conflict, forbidden, notFound } from '../utilities/errors'

const SPECS = { attend: attendVisit } as const

/**
 * POST /api/one-tap `{ token }` — a reminder email's one-tap link, posted by the /tap page (a GET never acts: mail
 * scanners prefetch links). The token is verified, then the action runs as the token's user through the same
 * ActionSpec as the app (their access, their audit row), with the token's id claimed in the same transaction: once.
 */
const handler: Endpoint['handler'] = async (req) => {
  const body = await readBody(req)
  if (typeof body.token !== 'string' || !body.token) throw badRequest('Send the link\'s "token".', 'token')
  const check = verifyOneTap(body.token)
  if (!check.ok) {
    if (check.reason === 'expired') throw new APIError('This link has expired: the visit it was for is over.', 410, { reason: 'expired' }, true)
    if (check.reason === 'bad_signature') throw forbidden('This link is not valid.')
    throw badRequest('This link is not valid.', 'token')
  }
  const { claims } = check
  const user = await req.payload.findByID({ collection: 'users', id: claims.userId, overrideAccess: true, depth: 0, disableErrors: true })
  if (!user) throw notFound('This link is not valid any more.')
  // a password reset or change ends the links sent before it (src/collections/Users/credentials.ts)
  const changedAt = user.credentialsChangedAt ? new Date(user.credentialsChangedAt).getTime() : null
  if (changedAt !== null && (!claims.issuedAt || claims.issuedAt.getTime() < changedAt)) {
    throw new APIError('This link was sent before your password changed, so it no longer works: open the visit in the app instead.', 410, { reason: 'superseded' }, true)
  }
  req.user = { ...user, collection: 'users' } as typeof req.user
  const claim = async (r: typeof req) => {
    const db = await sqlOf(r)
    // a link for an assignment that no longer exists claims nothing (its foreign key would refuse the row): 404
    const { rows } = await db.execute(sql`
      INSERT INTO one_tap_claims (token_id, user_id, assignment_id, action)
      SELECT ${claims.id}, ${claims.userId}, a.id, ${claims.action} FROM assignments a WHERE a.id = ${claims.assignmentId}
      ON CONFLICT (token_id) DO NOTHING RETURNING token_id`)
    if (rows.length) return
    const { rows: found } = await db.execute(sql`SELECT 1 FROM assignments WHERE id = ${claims.assignmentId}`)
    if (!found.length) throw notFound('This link is not valid any more.')
    throw conflict('This link was already used.', { reason: 'used' })
  }
  // the link expires with the visit it was sent for: once that visit moved, the link is for a visit that is not there
  const holds = (assignment: Record<string, unknown>) => {
    const end = assignment.scheduledEnd ? Math.floor(new Date(String(assignment.scheduledEnd)).getTime() / 1000) : null
    if (end !== Math.floor(claims.expiresAt.getTime() / 1000)) throw conflict('The visit this link was for has moved or is no longer booked.', { reason: 'moved' })
  }
  const { body: answer } = await runAsLink(SPECS[claims.action], req, claims.assignmentId, undefined, { claim, holds })
  return Response.json({ action: claims.action, ...answer })
}

export const oneTapEndpoint: Endpoint = documented(
  { path: '/one-tap', method: 'post', handler },
  {
    tag: 'assignments',
    auth: 'none',
    summary: "A reminder email's one-tap link (\"I'll be there\"), once",
    description: 'The signed token is the credential: it acts as its user, on its assignment, for its one action, until the visit ends, once.',
    body: { schema: obj({ token: str('The `t` of the /tap?t=… link.') }), required: true },
    responses: {
      200: { description: 'Done, as the link\'s user.', schema: obj({ action: str(), assignment: { oneOf: [ref('assignments'), { type: 'null' }] }, event: ref('EventRef') }) },
      400: { description: 'No token, or not a token.' },
      403: { description: 'A token whose signature does not hold (tampered).' },
      404: { description: "The link's user or assignment no longer exists (or is no longer theirs)." },
      409: { description: 'Already used; or the visit it was sent for has moved, is not booked any more, or is over.' },
      410: { description: 'Expired: the visit it was for is over; or sent before the person last reset or changed their password.' },
    },
  },
)
