import type { PayloadRequest } from 'payload'

import { formatAddress } from '../../domain/address'
import { buildInvite, googleCalendarUrl, invitationUid, type CalendarEvent, type InviteMethod } from '../../domain/calendar'
import { formatWindowInZone } from '../../domain/zonedTime'
import { env } from '../../env'
import type { Assignment, Job, User } from '../../payload-types'
import { idOf } from '../../utilities/idOf'

export type VisitDetails = {
  assignment: Assignment
  job: Job
  customer: User
  provider: User
  event: CalendarEvent
  when: string
  googleUrl: string
}


/** Everything an invite, an email or the feed says about one visit, read as the system inside `req`'s transaction. */
export async function visitDetails(req: PayloadRequest, assignmentOrId: Assignment | number): Promise<VisitDetails | null> {
  const assignment =
    typeof assignmentOrId === 'number'
      ? await req.payload.findByID({ collection: 'assignments', id: assignmentOrId, depth: 0, req, overrideAccess: true })
      : assignmentOrId
  if (!assignment.scheduledStart || !assignment.scheduledEnd) return null
  const read = <T>(collection: 'jobs' | 'users', id: unknown) =>
    req.payload.findByID({ collection, id: Number(idOf(id)), depth: 0, req, overrideAccess: true }) as Promise<T>
  // one after another: inside a transaction these share one connection, which runs one query at a time anyway
  const job = await read<Job>('jobs', assignment.job)
  const customer = await read<User>('users', assignment.customer)
  const provider = await read<User>('users', assignment.provider)
  const start = new Date(assignment.scheduledStart)
  const end = new Date(assignment.scheduledEnd)
  const timeZone = assignment.timeZone ?? job.timeZone ?? 'UTC'
  const when = formatWindowInZone({ start, end }, timeZone)
  const location = formatAddress(job.serviceAddress)
  const url = `${env().serverUrl}/admin/collections/assignments/${assignment.id}`
  const description = `${job.title}\nWhen: ${when}\nWhere: ${location}\nProvider: ${provider.name}\nCustomer: ${customer.name}`
  const event: CalendarEvent = {
    uid: invitationUid(assignment.id),
    sequence: assignment.calendarSequence ?? 0,
    start,
    end,
    title: `Jobline visit: ${job.title}`,
    description,
    location,
    url,
    organizer: { name: env().emailFromName, email: env().emailFrom.replace(/^.*<(.+)>$/, '$1') },
    attendees: [
      { name: customer.name, email: customer.email, role: 'customer' },
      { name: provider.name, email: provider.email, role: 'provider' },
    ],
    status: assignment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  }
  const googleUrl = googleCalendarUrl({ title: event.title, start, end, details: description, location })
  return { assignment, job, customer, provider, event, when, googleUrl }
}

export const inviteFor = (details: VisitDetails, method: InviteMethod) => buildInvite({ ...details.event, method })
