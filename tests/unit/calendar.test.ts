import { describe, expect, it } from '@jest/globals'
import ICAL from 'ical.js'

import { buildFeed, buildInvite, googleCalendarUrl, invitationUid, type Invite } from '../../src/domain/calendar'

const start = new Date('2026-03-10T13:00:00Z') // 9:00 AM EDT
const end = new Date('2026-03-10T15:00:00Z')

const invite = (over: Partial<Invite> = {}): Invite => ({
  uid: invitationUid(42),
  sequence: 0,
  method: 'REQUEST',
  start,
  end,
  title: 'Leaky faucet repair',
  description: 'Kitchen sink, bring a 3/8" washer; park in the driveway.\nRing twice.',
  location: '12 Elm St, Springfield',
  url: 'https://jobline.example.com/assignments/42',
  organizer: { name: 'Jobline', email: 'visits@jobline.example.com' },
  attendees: [
    { name: 'Casey Customer', email: 'casey@example.com', role: 'customer' },
    { name: 'Pat Provider', email: 'pat@example.com', role: 'provider' },
  ],
  ...over,
})

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics))
const eventOf = (ics: string) => parse(ics).getFirstSubcomponent('vevent')!
const time = (event: ICAL.Component, name: 'dtstart' | 'dtend') => event.getFirstPropertyValue(name) as ICAL.Time

describe('invitationUid', () => {
  it('is the same for every invite about one assignment', () => {
    expect(invitationUid(42)).toBe('assignment-42@jobline.local')
    expect(invitationUid('42')).toBe(invitationUid(42))
  })

  it('differs between assignments and can carry the real domain', () => {
    expect(invitationUid(43)).not.toBe(invitationUid(42))
    expect(invitationUid(7, 'jobline.example.com')).toBe('assignment-7@jobline.example.com')
  })
})

describe('buildInvite: a new or updated visit (METHOD:REQUEST)', () => {
  const ics = buildInvite(invite())
  const calendar = parse(ics)
  const event = eventOf(ics)

  it('is a REQUEST calendar with exactly one event', () => {
    expect(calendar.name).toBe('vcalendar')
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1)
  })

  it('carries the assignment UID and sequence so calendars update the same entry', () => {
    expect(event.getFirstPropertyValue('uid')).toBe('assignment-42@jobline.local')
    expect(event.getFirstPropertyValue('sequence')).toBe(0)
  })

  it('writes start and end as the exact UTC instants (…Z)', () => {
    expect(time(event, 'dtstart').zone?.tzid).toBe('UTC')
    expect(time(event, 'dtstart').toJSDate().toISOString()).toBe('2026-03-10T13:00:00.000Z')
    expect(time(event, 'dtend').toJSDate().toISOString()).toBe('2026-03-10T15:00:00.000Z')
    expect(ics).toContain('DTSTART:20260310T130000Z')
    expect(ics).toContain('DTEND:20260310T150000Z')
  })

  it('shows the title, description, location, link and CONFIRMED status', () => {
    expect(event.getFirstPropertyValue('summary')).toBe('Leaky faucet repair')
    expect(event.getFirstPropertyValue('description')).toBe('Kitchen sink, bring a 3/8" washer; park in the driveway.\nRing twice.')
    expect(event.getFirstPropertyValue('location')).toBe('12 Elm St, Springfield')
    expect(event.getFirstPropertyValue('url')).toBe('https://jobline.example.com/assignments/42')
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED')
  })

  it('names the organizer', () => {
    const organizer = event.getFirstProperty('organizer')!
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:visits@jobline.example.com')
    expect(organizer.getParameter('cn')).toBe('Jobline')
  })

  it('invites the customer and the provider as required participants asked to reply', () => {
    const attendees = event.getAllProperties('attendee').map((a) => ({
      email: String(a.getFirstValue()),
      name: a.getParameter('cn'),
      role: a.getParameter('role'),
      rsvp: a.getParameter('rsvp'),
      partstat: a.getParameter('partstat'),
    }))
    expect(attendees).toEqual([
      { email: 'mailto:casey@example.com', name: 'Casey Customer', role: 'REQ-PARTICIPANT', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
      { email: 'mailto:pat@example.com', name: 'Pat Provider', role: 'REQ-PARTICIPANT', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
    ])
  })

  it('keeps seconds of the instant rather than rounding to the minute', () => {
    const e = eventOf(buildInvite(invite({ start: new Date('2026-03-10T13:00:30Z'), end: new Date('2026-03-10T15:00:45Z') })))
    expect(time(e, 'dtstart').toJSDate().toISOString()).toBe('2026-03-10T13:00:30.000Z')
    expect(time(e, 'dtend').toJSDate().toISOString()).toBe('2026-03-10T15:00:45.000Z')
  })

  it('leaves out location and link when there are none', () => {
    const e = eventOf(buildInvite(invite({ location: undefined, url: undefined })))
    expect(e.getFirstPropertyValue('location')).toBeNull()
    expect(e.getFirstPropertyValue('url')).toBeNull()
  })

  it('sends a reschedule with the same UID, a higher SEQUENCE and the new times', () => {
    const moved = eventOf(
      buildInvite(invite({ sequence: 1, start: new Date('2026-03-12T18:00:00Z'), end: new Date('2026-03-12T20:00:00Z') })),
    )
    expect(moved.getFirstPropertyValue('uid')).toBe(event.getFirstPropertyValue('uid'))
    expect(moved.getFirstPropertyValue('sequence')).toBe(1)
    expect(time(moved, 'dtstart').toJSDate().toISOString()).toBe('2026-03-12T18:00:00.000Z')
  })

  it('stores a visit across the New York DST change as its real UTC instants', () => {
    const e = eventOf(buildInvite(invite({ start: new Date('2026-03-08T06:30:00Z'), end: new Date('2026-03-08T07:30:00Z') })))
    expect(time(e, 'dtstart').toString()).toBe('2026-03-08T06:30:00Z')
    expect(time(e, 'dtend').toString()).toBe('2026-03-08T07:30:00Z')
  })
})

describe('buildInvite: a cancellation (METHOD:CANCEL)', () => {
  const ics = buildInvite(invite({ method: 'CANCEL', sequence: 2 }))
  const event = eventOf(ics)

  it('is a CANCEL for the same UID with a higher SEQUENCE and STATUS:CANCELLED', () => {
    expect(parse(ics).getFirstPropertyValue('method')).toBe('CANCEL')
    expect(event.getFirstPropertyValue('uid')).toBe('assignment-42@jobline.local')
    expect(event.getFirstPropertyValue('sequence')).toBe(2)
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED')
  })

  it('is cancelled even if the caller passed CONFIRMED', () => {
    expect(eventOf(buildInvite(invite({ method: 'CANCEL', status: 'CONFIRMED' }))).getFirstPropertyValue('status')).toBe('CANCELLED')
  })

  it('still names the same attendees, without asking them to reply', () => {
    const attendees = event.getAllProperties('attendee')
    expect(attendees.map((a) => String(a.getFirstValue()))).toEqual(['mailto:casey@example.com', 'mailto:pat@example.com'])
    expect(attendees.map((a) => a.getParameter('rsvp'))).toEqual(['FALSE', 'FALSE'])
  })
})

describe('buildInvite refuses bad input with a clear error', () => {
  it('an end not after the start', () => {
    expect(() => buildInvite(invite({ end: start }))).toThrow('end must be after its start')
  })

  it('an invalid date', () => {
    expect(() => buildInvite(invite({ start: new Date('nope') }))).toThrow('start is not a valid date')
  })

  it('an attendee email the calendar library rejects, naming the invite', () => {
    expect(() => buildInvite(invite({ attendees: [{ name: 'X', email: 'not-an-email' }] }))).toThrow(
      /Could not build calendar invite assignment-42@jobline.local: .*email/,
    )
  })
})

describe('buildFeed: a subscription calendar of many visits', () => {
  const { method: _m, ...base } = invite()
  const ics = buildFeed({
    name: 'Pat Provider — Jobline visits',
    events: [
      base,
      { ...base, uid: invitationUid(43), sequence: 3, start: new Date('2026-03-11T14:00:00Z'), end: new Date('2026-03-11T16:00:00Z'), title: 'Fence repair' },
      { ...base, uid: invitationUid(44), status: 'CANCELLED', title: 'Gutter cleaning' },
    ],
  })
  const calendar = parse(ics)

  it('is one PUBLISH calendar named for the subscriber', () => {
    expect(ics.match(/BEGIN:VCALENDAR/g)).toHaveLength(1)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Pat Provider — Jobline visits')
  })

  it('holds every visit with its own UID, SEQUENCE, times and status', () => {
    const events = calendar.getAllSubcomponents('vevent').map((e) => ({
      uid: e.getFirstPropertyValue('uid'),
      sequence: e.getFirstPropertyValue('sequence'),
      start: time(e, 'dtstart').toString(),
      title: e.getFirstPropertyValue('summary'),
      status: e.getFirstPropertyValue('status'),
    }))
    expect(events).toEqual([
      { uid: 'assignment-42@jobline.local', sequence: 0, start: '2026-03-10T13:00:00Z', title: 'Leaky faucet repair', status: 'CONFIRMED' },
      { uid: 'assignment-43@jobline.local', sequence: 3, start: '2026-03-11T14:00:00Z', title: 'Fence repair', status: 'CONFIRMED' },
      { uid: 'assignment-44@jobline.local', sequence: 0, start: '2026-03-10T13:00:00Z', title: 'Gutter cleaning', status: 'CANCELLED' },
    ])
  })

  it('is a valid empty calendar when there are no visits yet', () => {
    const empty = parse(buildFeed({ name: 'Nothing yet', events: [] }))
    expect(empty.getFirstPropertyValue('x-wr-calname')).toBe('Nothing yet')
    expect(empty.getAllSubcomponents('vevent')).toEqual([])
  })
})

describe('googleCalendarUrl', () => {
  it('opens Google Calendar’s new-event page pre-filled with title, UTC dates, details and location', () => {
    const link = googleCalendarUrl({ title: 'Leaky faucet & sink', start, end, details: 'Ring twice.\nSide door', location: '12 Elm St, Springfield' })
    expect(link.startsWith('https://calendar.google.com/calendar/render?action=TEMPLATE&')).toBe(true)
    expect(link).toContain('&dates=20260310T130000Z/20260310T150000Z')
    const params = new URL(link).searchParams
    expect(params.get('action')).toBe('TEMPLATE')
    expect(params.get('text')).toBe('Leaky faucet & sink')
    expect(params.get('dates')).toBe('20260310T130000Z/20260310T150000Z')
    expect(params.get('details')).toBe('Ring twice.\nSide door')
    expect(params.get('location')).toBe('12 Elm St, Springfield')
  })

  it('URL-encodes characters that would otherwise break the link', () => {
    const link = googleCalendarUrl({ title: 'A & B #1 100% ?', start, end })
    expect(link).toContain('text=A%20%26%20B%20%231%20100%25%20%3F')
    expect(new URL(link).hash).toBe('')
  })

  it('leaves out details and location when not given', () => {
    const params = new URL(googleCalendarUrl({ title: 'Visit', start, end })).searchParams
    expect(params.has('details')).toBe(false)
    expect(params.has('location')).toBe(false)
  })
})
