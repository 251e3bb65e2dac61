import type { Endpoint, PayloadRequest } from 'payload'

import { env } from '../../env'
import { documented, obj, str } from '../../openapi/declare'
import { requireUser } from '../../operations/request'
import { notFound } from '../../utilities/errors'
import { newCalendarToken } from './credentials'

const setToken = async (req: PayloadRequest, token: string | null) => {
  const user = requireUser(req)
  // the signed-in user changes only their own token; the field is not writable through the API
  await req.payload.update({ collection: 'users', id: user.id, data: { calendarToken: token }, req, overrideAccess: true, depth: 0, context: { trusted: true } })
  return token
}

/** POST /api/users/calendar-token — a new secret feed URL; the old one stops working. */
const rotate: Endpoint = {
  path: '/calendar-token',
  method: 'post',
  handler: async (req) => {
    const token = await setToken(req, newCalendarToken())
    return Response.json({ url: `${env().serverUrl}/api/calendar/${token}.ics`, token }, { status: 201 })
  },
}

/** DELETE /api/users/calendar-token — revokes the feed URL. */
const revoke: Endpoint = {
  path: '/calendar-token',
  method: 'delete',
  handler: async (req) => {
    await setToken(req, null)
    return Response.json({ revoked: true }, { status: 200 })
  },
}

export const rotateCalendarToken: Endpoint = documented(rotate, {
  tag: 'Calendar',
  auth: 'user',
  summary: 'A new secret calendar feed URL for your visits',
  description: 'Posting again rotates it: the old URL stops working.',
  responses: { 201: { description: 'The feed URL and its token.', schema: obj({ url: str(), token: str() }) }, 401: { description: 'Not signed in.' } },
})

export const revokeCalendarToken: Endpoint = documented(revoke, {
  tag: 'Calendar',
  auth: 'user',
  summary: 'Revokes your calendar feed URL',
  responses: { 200: { description: 'Revoked.', schema: obj({ revoked: { type: 'boolean' } }) }, 401: { description: 'Not signed in.' } },
})

/**
 * POST /api/users/verify/:id — Payload's email verification, which Jobline accounts do not use: Payload's own handler
 * answers an unknown token with a 500, so this one, matched first, answers 404 instead.
 */
export const verifyEmailNotUsed: Endpoint = documented(
  { path: '/verify/:id', method: 'post', handler: () => { throw notFound('Email verification is not used for Jobline accounts: there is nothing to verify.') } },
  {
    tag: 'users',
    auth: 'none',
    summary: 'Email verification (not used)',
    description: "Jobline accounts are not email-verified, so there is no token to verify: every call is 404 (Payload's own handler would answer 500).",
    params: [{ name: 'id', in: 'path', required: true, description: 'A verification token.', schema: { type: 'string' } }],
    responses: { 404: { description: 'Nothing to verify.' } },
  },
)
