import type { Endpoint } from 'payload'

import { readAsUser, requireUser, routeId } from '../../../operations/request'
import { inviteFor, visitDetails } from '../../../services/calendar/visit'
import { notFound } from '../../../utilities/errors'

/** GET /api/assignments/:id/calendar.ics — the visit as an iCalendar file, for its customer, its provider and Ops. */
export const assignmentCalendar: Endpoint = {
  path: '/:id/calendar.ics',
  method: 'get',
  handler: async (req) => {
    requireUser(req)
    const assignment = await readAsUser(req, 'assignments', routeId(req), 'assignment')
    const details = await visitDetails(req, assignment)
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
