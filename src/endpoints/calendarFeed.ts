import type { Endpoint } from 'payload'

import { buildFeed } from '../domain/calendar'
import { visitDetails } from '../services/calendar/visit'
import { notFound } from '../utilities/errors'
import { documented } from '../openapi/declare'

const FEED_PAST_DAYS = 30

/**
 * GET /api/calendar/<token>.ics — a user's visits as a subscription feed for Google Calendar, Outlook or Apple
 * Calendar. The unguessable token is the credential (calendar apps cannot sign in); it is revocable and rotatable.
 */
const feed: Endpoint = {
  path: '/calendar/:file',
  method: 'get',
  handler: async (req) => {
    const file = String(req.routeParams?.file ?? '')
    const token = file.endsWith('.ics') ? file.slice(0, -4) : ''
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw notFound('No such calendar.')
    const { docs } = await req.payload.find({ collection: 'users', where: { calendarToken: { equals: token } }, limit: 1, depth: 0, req, overrideAccess: true })
    const owner = docs[0]
    if (!owner) throw notFound('No such calendar.')
    const since = new Date(Date.now() - FEED_PAST_DAYS * 86_400_000).toISOString()
    const { docs: visits } = await req.payload.find({
      collection: 'assignments',
      where: {
        and: [
          { or: [{ customer: { equals: owner.id } }, { provider: { equals: owner.id } }] },
          { status: { in: ['scheduled', 'completed', 'verified', 'cancelled'] } },
          { scheduledEnd: { greater_than: since } },
        ],
      },
      sort: 'scheduledStart',
      limit: 500,
      depth: 0,
      req,
      overrideAccess: true,
    })
    // each visit as the owner may see it now: a visit no longer theirs (requeued, given back) or done keeps its time
    // and title but not the street or the other party's e-mail (src/access/fieldPolicy.ts)
    const reader = { id: owner.id, role: owner.role ?? 'customer' }
    const events = []
    for (const visit of visits) {
      const details = await visitDetails(req, visit, reader)
      if (details) events.push(details.event)
    }
    return new Response(buildFeed({ name: `Jobline visits — ${owner.name}`, events }), {
      status: 200,
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' },
    })
  },
}

export const calendarFeed: Endpoint = documented(feed, {
  tag: 'Calendar',
  auth: 'none',
  summary: "A user's visits as a calendar subscription feed",
  description: 'The unguessable token (from `POST /api/users/calendar-token`) is the credential; calendar apps cannot sign in.',
  params: [{ name: 'file', in: 'path', required: true, description: '`<token>.ics`.', schema: { type: 'string' } }],
  responses: {
    200: { description: 'iCalendar: visits that ended in the last 30 days or later.', contentType: 'text/calendar' },
    404: { description: 'Unknown, revoked or malformed token.' },
  },
})
