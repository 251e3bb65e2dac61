import type { PayloadRequest } from 'payload'

import type { Viewer } from '../../access/fieldPolicy'
import { jobRelation, readableAddress, readsOfUser } from '../../access/partyView'
import { formatAddress } from '../../domain/address'
import { buildInvite, googleCalendarUrl, invitationUid, type CalendarAttendee, type CalendarEvent, type InviteMethod } from '../../domain/calendar'
import { formatWindowInZone } from '../../domain/zonedTime'
import { env } from '../../env'
import type { Assignment, Job, User } from '../../payload-types'
import { idOf } from '../../utilities/idOf'
import { counterpartiesOf } from '../access/counterparties'

export type VisitDetails = {
  assignment: Assignment
  job: Job
  customer: User
  provider: User
  event: CalendarEvent
  when: string
  googleUrl: string
}

/**
 * Everything an invite, an email or the feed says about one visit, read inside `req`'s transaction — as `reader`
 * may see it now: a customer or provider gets the street, the postcode and the other party's e-mail only while the
 * field policy gives them (a provider loses them when the work is taken away or done); Ops and the system (no reader)
 * get everything.
 */
export async function visitDetails(req: PayloadRequest, assignmentOrId: Assignment | number, reader: Viewer | null = null): Promise<VisitDetails | null> {
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
  const party = reader && reader.role !== 'ops' ? reader : null
  const location = formatAddress(party ? readableAddress(job.serviceAddress, party, jobRelation(party, job)) : job.serviceAddress)
  // the other party as the reader knows them: name and e-mail only while the policy gives them
  const other = party?.role === 'customer' ? provider : party?.role === 'provider' ? customer : null
  const otherRelation = party && other ? ((await counterpartiesOf(req, party)).get(String(other.id)) ?? null) : null
  const shows = (person: User, field: 'name' | 'email') => !party || person !== other || readsOfUser(party, field, otherRelation)
  const nameOf = (person: User) => (shows(person, 'name') ? person.name : person === provider ? 'your provider' : 'your customer')
  const url = !party
    ? `${env().serverUrl}/admin/collections/assignments/${assignment.id}`
    : party.role === 'customer'
      ? `${env().serverUrl}/jobs/view?id=${job.id}`
      : `${env().serverUrl}/assignments/view?id=${assignment.id}`
  const description = [job.title, `When: ${when}`, location && `Where: ${location}`, `Provider: ${nameOf(provider)}`, `Customer: ${nameOf(customer)}`]
    .filter(Boolean)
    .join('\n')
  const attendees: CalendarAttendee[] = [
    { name: nameOf(customer), email: customer.email, role: 'customer' as const },
    { name: nameOf(provider), email: provider.email, role: 'provider' as const },
  ].filter((a) => shows(a.role === 'customer' ? customer : provider, 'email'))
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
    attendees,
    status: assignment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  }
  const googleUrl = googleCalendarUrl({ title: event.title, start, end, details: description, location })
  return { assignment, job, customer, provider, event, when, googleUrl }
}

export const inviteFor = (details: VisitDetails, method: InviteMethod) => buildInvite({ ...details.event, method })
