/**
 * Calendar invites for scheduled visits: iCalendar (RFC 5545/5546) text via the `ics` package, and an "add to Google
 * Calendar" link. All times are written in UTC (…Z) so no client has to trust our time-zone data.
 *
 * One assignment is one calendar event for its whole life: the UID stays the same and SEQUENCE goes up with each
 * change, so calendars update or remove the existing entry instead of adding a second one.
 */
import { createEvent, createEvents, type Attendee, type EventAttributes } from 'ics'

export type CalendarPerson = { name: string; email: string }

export type CalendarAttendee = CalendarPerson & { role?: 'customer' | 'provider' }

export type CalendarEvent = {
  uid: string
  /** Bumped on every reschedule or cancellation so clients replace their copy. */
  sequence: number
  start: Date
  end: Date
  title: string
  description: string
  location?: string
  url?: string
  organizer: CalendarPerson
  attendees: CalendarAttendee[]
  status?: 'CONFIRMED' | 'CANCELLED'
}

/** REQUEST creates or updates the event in the attendee's calendar; CANCEL removes it. */
export type InviteMethod = 'REQUEST' | 'CANCEL'

export type Invite = CalendarEvent & { method: InviteMethod }

const PRODUCT_ID = '-//Jobline//Visits//EN'

/** The event's UID, the same for every invite about one assignment so updates replace rather than duplicate. */
export const invitationUid = (assignmentId: number | string, domain = 'jobline.local'): string =>
  `assignment-${assignmentId}@${domain}`

function toIcsEvent(event: CalendarEvent, method?: InviteMethod): EventAttributes {
  const status = method === 'CANCEL' ? 'CANCELLED' : (event.status ?? 'CONFIRMED')
  const attendees: Attendee[] = event.attendees.map((a) => ({
    name: a.name,
    email: a.email,
    // Customer and provider both have to be there for the visit to happen.
    role: 'REQ-PARTICIPANT',
    cutype: 'INDIVIDUAL',
    partstat: 'NEEDS-ACTION',
    rsvp: method === 'REQUEST',
  }))
  return {
    uid: event.uid,
    sequence: event.sequence,
    start: assertTime(event.start, 'start').getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: assertTime(event.end, 'end').getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: event.title,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
    ...(event.url ? { url: event.url } : {}),
    status,
    organizer: { name: event.organizer.name, email: event.organizer.email },
    attendees,
    productId: PRODUCT_ID,
  }
}

function assertTime(date: Date, which: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error(`Calendar event ${which} is not a valid date.`)
  return date
}

/** One invite (METHOD:REQUEST) or cancellation (METHOD:CANCEL, STATUS:CANCELLED) as .ics text. */
export function buildInvite(invite: Invite): string {
  if (invite.end.getTime() <= invite.start.getTime()) throw new Error('Calendar invite end must be after its start.')
  const { error, value } = createEvent({ ...toIcsEvent(invite, invite.method), method: invite.method })
  if (error || !value) throw new Error(`Could not build calendar invite ${invite.uid}: ${error?.message ?? 'no output'}`)
  return value
}

/** A subscribable calendar (METHOD:PUBLISH) holding many visits, e.g. a provider's schedule feed. */
export function buildFeed({ name, events }: { name: string; events: CalendarEvent[] }): string {
  const { error, value } = createEvents(
    events.map((e) => toIcsEvent(e)),
    { productId: PRODUCT_ID, method: 'PUBLISH', calName: name },
  )
  if (error || !value) throw new Error(`Could not build calendar feed "${name}": ${error?.message ?? 'no output'}`)
  return value
}

/** 20260310T140000Z — the compact UTC form calendars use. */
const compactUtc = (date: Date) => assertTime(date, 'time').toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/** A link that opens Google Calendar's "new event" page pre-filled with this visit. */
export function googleCalendarUrl({
  title,
  start,
  end,
  details,
  location,
}: {
  title: string
  start: Date
  end: Date
  details?: string
  location?: string
}): string {
  const params: [string, string][] = [
    ['action', 'TEMPLATE'],
    ['text', title],
    ['dates', `${compactUtc(start)}/${compactUtc(end)}`],
  ]
  if (details) params.push(['details', details])
  if (location) params.push(['location', location])
  // The dates pair is digits, T, Z and one slash, which Google expects unencoded.
  const query = params.map(([k, v]) => `${k}=${k === 'dates' ? v : encodeURIComponent(v)}`).join('&')
  return `https://calendar.google.com/calendar/render?${query}`
}
