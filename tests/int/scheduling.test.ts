/**
 * Scheduling over HTTP on a real database: accept → propose → confirm → reschedule → cancel, every bad input, the
 * races (20 confirms at once; two overlapping visits for one provider), the emails on a real SMTP server with their
 * ICS invites parsed back by ical.js, calendar downloads and the subscription feed, and DST in New York and Berlin.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import ICAL from 'ical.js'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { startSmtp, type Mail, type Mailbox } from '../helpers/smtp'

let app: TestApp
let world: World
let mail: Mailbox
const HOUR = 3_600_000
const DAY = 24 * HOUR

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
  await mail?.close()
})

/** A day at a fixed UTC hour, far enough ahead for the notice rule and clear of other tests' windows. */
const slot = (days: number, hourUtc: number, hours = 2) => {
  const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days, hourUtc))
  return { start: start.toISOString(), end: new Date(start.getTime() + hours * HOUR).toISOString() }
}
const count = async (collection: 'schedule-proposals' | 'reminder-logs' | 'audit-events' | 'assignments') =>
  (await app.payload.count({ collection, overrideAccess: true })).totalDocs
const deliver = () => app.payload.jobs.run({ limit: 100 })
const icsOf = (m: Mail) => {
  const part = m.parts.find((p) => p.contentType === 'text/calendar' || p.filename === 'invite.ics')
  if (!part) throw new Error(`no ICS in "${m.subject}"`)
  const calendar = new ICAL.Component(ICAL.parse(part.content))
  const event = calendar.getFirstSubcomponent('vevent')!
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    organizer: String(event.getFirstPropertyValue('organizer')),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase()),
  }
}

/** A fresh open job of customer A with pending quotes from providers 1 and 2. */
async function openJobWithQuotes(title: string, timeZone = 'America/New_York') {
  const { clients } = world
  const job = await clients.customerA.post('/api/jobs', {
    title,
    serviceAddress: { line1: '9 Pine St', city: 'Boston', country: 'US' },
    timeZone,
  })
  expect(job.status).toBe(201)
  const q1 = await clients.provider1.post('/api/quotes', { job: job.body.doc.id, amount: 15000, currency: 'USD' })
  const q2 = await clients.provider2.post('/api/quotes', { job: job.body.doc.id, amount: 17500, currency: 'USD' })
  expect([q1.status, q2.status]).toEqual([201, 201])
  return { jobId: job.body.doc.id as number, quote1: q1.body.doc.id as number, quote2: q2.body.doc.id as number }
}

describe('quote acceptance', () => {
  it('accepts one quote, declines the others, assigns the job and creates an assignment; a second accept is 409', async () => {
    const { clients, ids } = world
    const { jobId, quote1, quote2 } = await openJobWithQuotes('Replace bathroom fan')
    expect((await clients.customerB.act(`/api/quotes/${quote1}/accept`)).status).toBe(404)
    expect((await clients.provider1.act(`/api/quotes/${quote1}/accept`)).status).toBe(403)

    const res = await clients.customerA.act(`/api/quotes/${quote1}/accept`)
    expect(res.status).toBe(200)
    expect(res.body.assignment).toMatchObject({ status: 'pending_schedule', provider: ids.provider1, customer: ids.customerA, version: 1, amount: 15000 })
    expect(res.body.declined).toEqual([quote2])
    const job = await clients.customerA.get(`/api/jobs/${jobId}?depth=0`)
    expect(job.body).toMatchObject({ status: 'assigned', assignedProvider: ids.provider1 })

    const again = await clients.customerA.act(`/api/quotes/${quote2}/accept`)
    expect(again.status).toBe(409)
    expect((await clients.customerA.act(`/api/quotes/${quote1}/accept`)).status).toBe(409)
    const assignments = await app.payload.find({ collection: 'assignments', where: { job: { equals: jobId } }, overrideAccess: true })
    expect(assignments.totalDocs).toBe(1)
    const audit = await app.payload.find({ collection: 'audit-events', where: { and: [{ entity: { equals: 'quotes' } }, { entityId: { equals: String(quote1) } }, { action: { equals: 'accept' } }] }, overrideAccess: true })
    expect(audit.docs[0]).toMatchObject({ fromState: 'pending', toState: 'accepted', actorRole: 'customer', actor: expect.objectContaining({ id: ids.customerA }) })
  })

  it('two accepts racing on one job: exactly one wins', async () => {
    const { jobId, quote1, quote2 } = await openJobWithQuotes('Fix squeaky door')
    const results = await Promise.all([quote1, quote2].map((q) => world.clients.customerA.act(`/api/quotes/${q}/accept`)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect((await app.payload.count({ collection: 'assignments', where: { job: { equals: jobId } }, overrideAccess: true })).totalDocs).toBe(1)
  })
})

describe('propose → confirm → reschedule → cancel', () => {
  let jobId: number
  let assignmentId: number
  let proposalId: number
  /** The assignment's version as the last action left it: every proposal and confirmation moves it on. */
  let version: number
  const w1 = slot(5, 14)
  const w2 = slot(6, 14)

  beforeAll(async () => {
    const created = await openJobWithQuotes('Install dishwasher')
    jobId = created.jobId
    const accepted = await world.clients.customerA.act(`/api/quotes/${created.quote1}/accept`)
    assignmentId = accepted.body.assignment.id
  })

  it('the provider proposes windows and sees conflicts as information', async () => {
    const res = await world.clients.provider1.act(`/api/jobs/${jobId}/schedule`, { windows: [w1, w2], note: 'Mornings are full' })
    expect(res.status).toBe(201)
    proposalId = res.body.proposal.id
    version = res.body.assignment.version
    expect(version).toBe(2) // a proposal moves the assignment on: a confirm of what was on offer before is stale
    expect(res.body.proposal).toMatchObject({ status: 'open', proposerRole: 'provider', timeZone: 'America/New_York' })
    expect(res.body.conflicts).toHaveLength(2)
    expect(res.body.conflicts[0].local).toMatch(/E[SD]T/)
    expect(Array.isArray(res.body.conflicts[0].conflicts)).toBe(true)
  })

  it.each([
    ['end before start', { windows: [{ start: slot(5, 16).start, end: slot(5, 14).start }] }, 'windows[0].end'],
    ['zero length', { windows: [{ start: slot(5, 16).start, end: slot(5, 16).start }] }, 'windows[0].end'],
    ['100 years ahead', { windows: [slot(36500, 14)] }, 'windows[0].end'],
    ['in the past', { windows: [slot(-2, 14)] }, 'windows[0].start'],
    ['six windows', { windows: [1, 2, 3, 4, 5, 6].map((d) => slot(d + 3, 14)) }, 'windows'],
    ['overlapping windows', { windows: [slot(5, 14, 3), slot(5, 15, 2)] }, 'windows[1]'],
    ['no windows', { windows: [] }, 'windows'],
    ['a time without an offset', { windows: [{ start: '2027-01-10T10:00:00', end: '2027-01-10T12:00:00' }] }, 'windows[0].start'],
    ['an unknown time zone', { windows: [w1], timeZone: 'Mars/Olympus' }, 'timeZone'],
  ])('%s is a 400 naming the field; nothing written, no email', async (_what, body, field) => {
    const before = { proposals: await count('schedule-proposals'), logs: await count('reminder-logs') }
    const res = await world.clients.customerA.act(`/api/jobs/${jobId}/schedule`, body)
    expect(res.status).toBe(400)
    expect(errorField(res.body)).toBe(field)
    expect({ proposals: await count('schedule-proposals'), logs: await count('reminder-logs') }).toEqual(before)
  })

  it('acting on a job that is not yours is a 404', async () => {
    expect((await world.clients.customerB.act(`/api/jobs/${jobId}/schedule`, { windows: [w1] })).status).toBe(404)
    expect((await world.clients.provider2.act(`/api/jobs/${jobId}/schedule`, { windows: [w1] })).status).toBe(404)
    expect((await world.clients.customerB.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId, windowIndex: 0, version })).status).toBe(404)
  })

  it.each([
    ['a missing version', (_v: number) => ({ windowIndex: 0 }), 400, 'version'],
    ['a non-integer version', (_v: number) => ({ windowIndex: 0, version: 1.5 }), 400, 'version'],
    ['a window index out of range', (v: number) => ({ windowIndex: 7, version: v }), 400, 'windowIndex'],
    ['a proposal of another assignment', (v: number) => ({ windowIndex: 0, version: v, proposalId: 1 }), 400, 'proposalId'],
    ['a stale version', (v: number) => ({ windowIndex: 0, version: v - 1 }), 409, undefined],
  ])('confirming with %s is refused and changes nothing', async (_what, body, status, field) => {
    const before = await app.payload.findByID({ collection: 'assignments', id: assignmentId, overrideAccess: true })
    const res = await world.clients.customerA.post(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId, ...body(version) })
    expect(res.status).toBe(status)
    if (field) expect(errorField(res.body)).toBe(field)
    if (status === 409) expect(res.body.errors[0].data).toMatchObject({ currentVersion: version, state: 'pending_schedule' })
    const after = await app.payload.findByID({ collection: 'assignments', id: assignmentId, overrideAccess: true })
    expect(after).toEqual(before)
  })

  it('the proposer cannot confirm their own proposal', async () => {
    const res = await world.clients.provider1.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId, windowIndex: 0, version })
    expect(res.status).toBe(403)
  })

  it('the customer confirms: scheduled, version + 1, both sides get an invite with the right time', async () => {
    mail.messages.length = 0
    const res = await world.clients.customerA.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId, windowIndex: 1, version })
    expect(res.status).toBe(200)
    expect(res.body.assignment).toMatchObject({ status: 'scheduled', version: version + 1, scheduledStart: w2.start, scheduledEnd: w2.end })
    version = res.body.assignment.version
    await deliver()
    const mails = await mail.waitFor((m) => m.filter((x) => x.subject.startsWith('Visit confirmed')).length === 2)
    const confirmed = mails.filter((x) => x.subject.startsWith('Visit confirmed'))
    expect(confirmed.flatMap((m) => m.to).sort()).toEqual(['alice@jobline.local', 'pat@jobline.local'])
    expect(confirmed[0].subject).toMatch(/E[SD]T/)
    expect(confirmed[0].text).toMatch(/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/)
    const ics = icsOf(confirmed[0])
    expect(ics).toMatchObject({ method: 'REQUEST', uid: `assignment-${assignmentId}@jobline.local`, sequence: 0, start: w2.start, end: w2.end })
    expect(ics.organizer).toMatch(/no-reply@jobline\.local/i)
    expect(ics.attendees).toEqual(expect.arrayContaining(['mailto:alice@jobline.local', 'mailto:pat@jobline.local']))
    const proposal = await app.payload.findByID({ collection: 'schedule-proposals', id: proposalId, overrideAccess: true })
    expect(proposal).toMatchObject({ status: 'confirmed', confirmedWindow: { index: 1 } })
  })

  it('a confirmed proposal cannot be confirmed again', async () => {
    const res = await world.clients.customerA.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId, windowIndex: 0, version })
    expect(res.status).toBe(409)
  })

  it('calendar.ics is there for the two parties and Ops, and for nobody else', async () => {
    for (const actor of ['customerA', 'provider1', 'ops'] as const) {
      const res = await world.clients[actor].get(`/api/assignments/${assignmentId}/calendar.ics`)
      expect(res.status).toBe(200)
      expect(String(res.body)).toContain(`UID:assignment-${assignmentId}@jobline.local`)
    }
    for (const actor of ['customerB', 'provider2'] as const) {
      expect((await world.clients[actor].get(`/api/assignments/${assignmentId}/calendar.ics`)).status).toBe(404)
    }
    expect((await world.clients.anonymous.get(`/api/assignments/${assignmentId}/calendar.ics`)).status).toBe(401)
  })

  it('a reschedule moves the visit: same UID, higher SEQUENCE', async () => {
    const w3 = slot(8, 15)
    const proposed = await world.clients.customerA.act(`/api/jobs/${jobId}/schedule`, { windows: [w3] })
    expect(proposed.status).toBe(201)
    mail.messages.length = 0
    const offered = proposed.body.assignment.version
    expect(offered).toBe(version + 1)
    const res = await world.clients.provider1.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId: proposed.body.proposal.id, windowIndex: 0, version: offered })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ action: 'reschedule', assignment: { version: offered + 1, scheduledStart: w3.start } })
    version = res.body.assignment.version
    await deliver()
    const moved = (await mail.waitFor((m) => m.some((x) => x.subject.startsWith('Visit moved')))).find((x) => x.subject.startsWith('Visit moved'))!
    const ics = icsOf(moved)
    expect(ics).toMatchObject({ method: 'REQUEST', uid: `assignment-${assignmentId}@jobline.local`, sequence: 1, start: w3.start })
  })

  it('the subscription feed lists the visit at a secret URL until revoked', async () => {
    const rotated = await world.clients.provider1.post('/api/users/calendar-token')
    expect(rotated.status).toBe(201)
    const path = new URL(rotated.body.url).pathname
    const feed = await world.clients.anonymous.get(path)
    expect(feed.status).toBe(200)
    const calendar = new ICAL.Component(ICAL.parse(String(feed.body)))
    expect(calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'))).toContain(`assignment-${assignmentId}@jobline.local`)
    expect((await world.clients.provider1.delete('/api/users/calendar-token')).status).toBe(200)
    expect((await world.clients.anonymous.get(path)).status).toBe(404)
    expect((await world.clients.anonymous.get('/api/calendar/not-a-real-token-at-all-000.ics')).status).toBe(404)
  })

  it('cancelling sends METHOD:CANCEL for the same UID; a cancelled assignment cannot be confirmed', async () => {
    const open = await world.clients.provider1.act(`/api/jobs/${jobId}/schedule`, { windows: [slot(9, 14)] })
    expect(open.status).toBe(201)
    expect((await world.clients.provider1.act(`/api/assignments/${assignmentId}/cancel`)).status).toBe(403)
    mail.messages.length = 0
    const res = await world.clients.customerA.act(`/api/assignments/${assignmentId}/cancel`, { reason: 'Sold the house' })
    expect(res.status).toBe(200)
    expect(res.body.assignment).toMatchObject({ status: 'cancelled', version: open.body.assignment.version + 1 })
    await deliver()
    const cancelled = (await mail.waitFor((m) => m.filter((x) => x.subject.startsWith('Visit cancelled')).length === 2))[0]
    expect(icsOf(cancelled)).toMatchObject({ method: 'CANCEL', uid: `assignment-${assignmentId}@jobline.local`, sequence: 2 })
    const confirm = await world.clients.customerA.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId: open.body.proposal.id, windowIndex: 0, version: res.body.assignment.version })
    expect(confirm.status).toBe(409)
    const job = await app.payload.findByID({ collection: 'jobs', id: jobId, overrideAccess: true })
    expect(job.status).toBe('cancelled')
  })
})

describe('races', () => {
  it('20 concurrent confirms with the same version: one 200, nineteen 409, version moved once, one audit row', async () => {
    const { jobId, quote1 } = await openJobWithQuotes('Patch drywall')
    const accepted = await world.clients.customerA.act(`/api/quotes/${quote1}/accept`)
    const assignmentId = accepted.body.assignment.id
    const proposal = await world.clients.provider1.act(`/api/jobs/${jobId}/schedule`, { windows: [slot(12, 14), slot(12, 18)] })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        world.clients.customerA.act(`/api/assignments/${assignmentId}/schedule/confirm`, {
          proposalId: proposal.body.proposal.id,
          windowIndex: i % 2,
          version: proposal.body.assignment.version,
        }),
      ),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(19)
    const after = await app.payload.findByID({ collection: 'assignments', id: assignmentId, overrideAccess: true })
    expect(after).toMatchObject({ status: 'scheduled', version: proposal.body.assignment.version + 1 })
    const audit = await app.payload.count({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'assignments' } }, { entityId: { equals: String(assignmentId) } }, { toState: { equals: 'scheduled' } }] },
      overrideAccess: true,
    })
    expect(audit.totalDocs).toBe(1)
  })

  it('two overlapping visits of different jobs for one provider confirmed at the same moment: at most one is booked', async () => {
    const a = await openJobWithQuotes('Mount TV')
    const b = await openJobWithQuotes('Mount shelves')
    const ids: number[] = []
    for (const job of [a, b]) ids.push((await world.clients.customerA.act(`/api/quotes/${job.quote1}/accept`)).body.assignment.id)
    const window = slot(20, 13, 3)
    const overlapping = { start: new Date(new Date(window.start).getTime() + HOUR).toISOString(), end: new Date(new Date(window.end).getTime() + HOUR).toISOString() }
    const pa = await world.clients.provider1.act(`/api/jobs/${a.jobId}/schedule`, { windows: [window] })
    const pb = await world.clients.provider1.act(`/api/jobs/${b.jobId}/schedule`, { windows: [overlapping] })
    expect(pb.body.conflicts[0].conflicts).toEqual([]) // nothing booked yet when proposed
    const results = await Promise.all([
      world.clients.customerA.act(`/api/assignments/${ids[0]}/schedule/confirm`, { proposalId: pa.body.proposal.id, windowIndex: 0, version: pa.body.assignment.version }),
      world.clients.customerA.act(`/api/assignments/${ids[1]}/schedule/confirm`, { proposalId: pb.body.proposal.id, windowIndex: 0, version: pb.body.assignment.version }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const scheduled = await app.payload.count({ collection: 'assignments', where: { and: [{ id: { in: ids } }, { status: { equals: 'scheduled' } }] }, overrideAccess: true })
    expect(scheduled.totalDocs).toBe(1)
    // and the next proposal over the booked time shows the clash
    const loser = results[0].status === 409 ? a : b
    const again = await world.clients.provider1.act(`/api/jobs/${loser.jobId}/schedule`, { windows: [overlapping] })
    expect(again.body.conflicts[0].conflicts.map((c: { kind: string }) => c.kind)).toContain('overlaps_visit')
  })
})

describe('time zones and DST', () => {
  it('New York, across the spring-forward gap: stored exactly as the offsets say, shown as EST then EDT', async () => {
    const { jobId, quote1 } = await openJobWithQuotes('Spring-forward visit')
    await world.clients.customerA.act(`/api/quotes/${quote1}/accept`)
    // 2027-03-14 01:30 EST (-05:00) to 03:30 EDT (-04:00): one real hour across the missing 02:00–03:00
    const res = await world.clients.provider1.act(`/api/jobs/${jobId}/schedule`, {
      windows: [{ start: '2027-03-14T01:30:00-05:00', end: '2027-03-14T03:30:00-04:00' }],
    })
    expect(res.status).toBe(201)
    expect(res.body.proposal.windows[0]).toMatchObject({ start: '2027-03-14T06:30:00.000Z', end: '2027-03-14T07:30:00.000Z' })
    expect(res.body.conflicts[0].local).toMatch(/1:30.*EST.*3:30.*EDT|1:30.*3:30.*EDT/)
  })

  it('Berlin: a job in Europe/Berlin shows CET in winter and CEST after 2027-03-28', async () => {
    const { jobId, quote1 } = await openJobWithQuotes('Berlin visit', 'Europe/Berlin')
    await world.clients.customerA.act(`/api/quotes/${quote1}/accept`)
    const res = await world.clients.provider1.act(`/api/jobs/${jobId}/schedule`, {
      windows: [
        { start: '2027-03-27T10:00:00+01:00', end: '2027-03-27T12:00:00+01:00' },
        { start: '2027-03-29T10:00:00+02:00', end: '2027-03-29T12:00:00+02:00' },
      ],
    })
    expect(res.status).toBe(201)
    expect(res.body.conflicts[0].local).toMatch(/10:00.*CET/)
    expect(res.body.conflicts[1].local).toMatch(/10:00.*CEST/)
    expect(res.body.proposal.windows[1].start).toBe('2027-03-29T08:00:00.000Z')
  })
})
