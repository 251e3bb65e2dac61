import type { Endpoint } from 'payload'

import { readAsUser, requireUser, routeId } from '../../../operations/request'
import { inviteFor, visitDetails } from '../../../services/calendar/visit'
import { notFound } from '../../../utilities/errors'
import { documented, idParam } from '../../../openapi/declare'

/** GET /api/assignments/:id/calendar.ics — the visit as an iCalendar file, for its customer, its provider and Ops. */
const calendar: Endpoint = {
  path: '/:id/calendar.ics',
  method: 'get',
  handler: async (req) => {
    const user = requireUser(req)
    const assignment = await readAsUser(req, 'assignments', routeId(req), 'assignment')
    // as the reader may see it now: the street and the other party's e-mail only while the policy gives them
    const details = await visitDetails(req, assignment, { id: user.id, role: user.role })
    if (!details) throw notFound('No visit is scheduled for this assignment yet.')
    const ics = inviteFor(details, assignment.status === 'cancelled' ? 'CANCEL' : 'REQUEST')
    return new Response(ics, {
      status: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="jobline-visit-${assignment.id}.ics"`,
        'cache-control': 'private, no-store',
      },
    })
  },
}

export const assignmentCalendar: Endpoint = documented(calendar, {
  tag: 'Calendar',
  auth: 'user',
  summary: 'The visit as an iCalendar file',
  description: 'For its customer, its provider and Ops: METHOD:REQUEST, or METHOD:CANCEL once the assignment is cancelled.',
  params: [idParam('assignment')],
  responses: {
    200: { description: 'iCalendar (`content-disposition: attachment`).', contentType: 'text/calendar' },
    401: { description: 'Not signed in.' },
    404: { description: 'Not yours, or no visit booked yet.' },
  },
})
