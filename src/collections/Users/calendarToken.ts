import { randomBytes } from 'node:crypto'
import type { Endpoint, PayloadRequest } from 'payload'

import { env } from '../../env'
import { requireUser } from '../../operations/request'

const setToken = async (req: PayloadRequest, token: string | null) => {
  const user = requireUser(req)
  // the signed-in user changes only their own token; the field is not writable through the API
  await req.payload.update({ collection: 'users', id: user.id, data: { calendarToken: token }, req, overrideAccess: true, depth: 0, context: { trusted: true } })
  return token
}

/** POST /api/users/calendar-token — a new secret feed URL; the old one stops working. */
export const rotateCalendarToken: Endpoint = {
  path: '/calendar-token',
  method: 'post',
  handler: async (req) => {
    const token = await setToken(req, randomBytes(24).toString('base64url'))
    return Response.json({ url: `${env().serverUrl}/api/calendar/${token}.ics`, token }, { status: 201 })
  },
}

/** DELETE /api/users/calendar-token — revokes the feed URL. */
export const revokeCalendarToken: Endpoint = {
  path: '/calendar-token',
  method: 'delete',
  handler: async (req) => {
    await setToken(req, null)
    return Response.json({ revoked: true }, { status: 200 })
  },
}
