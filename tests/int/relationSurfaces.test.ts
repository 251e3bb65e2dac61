/**
 * Access follows the relation on every surface that serves a visit, not only REST: when the work is taken from a
 * provider (Ops requeue it, they give it back, the customer cancels) or is done (verified), the provider's calendar
 * feed, the visit's .ics, the email about the change and its invite, and a message queued before the change but sent
 * after it keep the visit's time and title but lose the street, the postcode and the customer's e-mail — as REST does.
 * The customer, whose job it is, keeps them. Each surface is read before and after each change.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import ICAL from 'ical.js'

import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { dbOf } from '../../src/db/sql'
import { queueDeliveries } from '../../src/services/notifications/queue'
import { signOneTap } from '../../src/services/oneTap/token'
import { bookVisit, DAY, drain, rows } from '../helpers/reminders'
import { startSmtp, type Mail, type Mailbox } from '../helpers/smtp'

let app: TestApp
let world: World
let mail: Mailbox
/** A customer and a provider with no other work together: what one may read of the other is this visit's alone. */
let pair: { customerId: number; providerId: number; customer: ApiClient; provider: ApiClient }

const CUSTOMER_EMAIL = 'marge@surfaces.example'
const PROVIDER_EMAIL = 'ned@surfaces.example'

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url, REMINDER_QUIET_HOURS: 'off' } })
  world = await seedWorld(app.payload, app.baseUrl)
  const make = (email: string, name: string, role: 'customer' | 'provider') =>
    app.payload.create({ collection: 'users', data: { email, name, role, password: 'surfaces-pw', timeZone: 'America/Chicago' }, overrideAccess: true, context: { trusted: true } })
  const [customer, provider] = [await make(CUSTOMER_EMAIL, 'Marge', 'customer'), await make(PROVIDER_EMAIL, 'Ned', 'provider')]
  pair = {
    customerId: customer.id,
    providerId: provider.id,
    customer: await ApiClient.login(app.baseUrl, CUSTOMER_EMAIL, 'surfaces-pw'),
    provider: await ApiClient.login(app.baseUrl, PROVIDER_EMAIL, 'surfaces-pw'),
  }
})
afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const STREET = '742 Evergreen Terrace'
const POSTCODE = '62704'

/** What a text shows of the private parts of the visit: the street, the postcode, the customer's e-mail. */
const privateParts = (text: string) => [STREET, POSTCODE, CUSTOMER_EMAIL].filter((p) => text.includes(p))

/** A visit of Marge's with Ned, scheduled `inDays` ahead (or in the past), at a street only the two of them may know. */
async function visit(title: string, inDays: number) {
  const start = new Date(Date.now() + inDays * DAY)
  start.setUTCMinutes(0, 0, 0)
  const made = await bookVisit(app.payload, { customerId: pair.customerId, providerId: pair.providerId, start, minutes: 60, title })
  await app.payload.update({
    collection: 'jobs',
    id: made.jobId,
    data: { serviceAddress: { line1: STREET, line2: 'Back door', city: 'Springfield', region: 'IL', postalCode: POSTCODE, country: 'US' } },
    overrideAccess: true,
    context: { trusted: true },
  })
  return made
}

const feedOf = async (client: ApiClient) => {
  const { body } = await client.post('/api/users/calendar-token')
  return async () => {
    const res = await world.clients.anonymous.get(new URL(body.url).pathname)
    expect(res.status).toBe(200)
    return String(res.body)
  }
}

/** The event of one assignment in a feed or an .ics: its location, attendees' e-mails and description. */
function eventOf(ics: string, assignmentId: number) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  const event = calendar.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === `assignment-${assignmentId}@jobline.local`)
  if (!event) return null
  return {
    location: String(event.getFirstPropertyValue('location') ?? ''),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
    description: String(event.getFirstPropertyValue('description') ?? ''),
    summary: String(event.getFirstPropertyValue('summary') ?? ''),
  }
}

const text = (m: Mail) => [m.subject, m.text, ...m.parts.map((p) => p.content)].join('\n')

/**
 * What becomes of a message queued before the change: the actions that end the work suppress what was pending about it
 * (`requeued`, `rejected`, `cancelled`); a verified job's messages still go out, saying only what may be said now.
 */
type Change = { name: string; run: (assignmentId: number) => Promise<{ status: number }>; past?: boolean; queued: 'suppressed' | 'narrowed' }

const CHANGES: Change[] = [
  { name: 'Ops requeue the job', queued: 'suppressed', run: (id) => world.clients.ops.act(`/api/assignments/${id}/requeue`, { note: 'Another provider will take it.' }) },
  { name: 'the provider gives it back', queued: 'suppressed', run: (id) => pair.provider.act(`/api/assignments/${id}/reject`, { reason: 'Out of stock.' }) },
  { name: 'the customer cancels', queued: 'suppressed', run: (id) => pair.customer.act(`/api/assignments/${id}/cancel`, { reason: 'Fixed it myself.' }) },
  {
    name: 'the work is done and verified',
    past: true,
    queued: 'narrowed',
    run: async (id) => {
      expect((await pair.provider.act(`/api/assignments/${id}/complete`, { checklist: { items: ['Done'] } })).status).toBe(200)
      return pair.customer.act(`/api/assignments/${id}/verify`)
    },
  },
]

describe.each(CHANGES)('when $name', ({ name, run, past, queued: queuedOutcome }) => {
  let jobId: number
  let assignmentId: number
  let providerFeed: () => Promise<string>
  let customerFeed: () => Promise<string>
  let queuedId: number

  beforeAll(async () => {
    ;({ jobId, assignmentId } = await visit(`Surfaces: ${name}`, past ? -0.5 : 3))
    providerFeed = await feedOf(pair.provider)
    customerFeed = await feedOf(pair.customer)
  })

  it('before it, the provider reads the street and the customer’s e-mail in the feed and the .ics', async () => {
    const feed = eventOf(await providerFeed(), assignmentId)!
    expect(feed.location).toContain(STREET)
    expect(feed.attendees).toContain(`mailto:${CUSTOMER_EMAIL}`)
    const ics = await pair.provider.get(`/api/assignments/${assignmentId}/calendar.ics`)
    expect(privateParts(String(ics.body))).toEqual([STREET, POSTCODE, CUSTOMER_EMAIL])
    const job = await pair.provider.get(`/api/jobs/${jobId}`)
    expect(job.body.serviceAddress.line1).toBe(STREET)
  })

  it('after it, every surface shows the provider the time and the town, not the street or the customer’s e-mail', async () => {
    // a message to the provider that names the street, recorded before the change and still waiting to be sent
    mail.messages.length = 0
    const [queued] = await rows(
      app.payload,
      sql`INSERT INTO reminder_logs (kind, channel, status, dedupe_key, assignment_id, customer_id, provider_id, recipient_id, recipient_address,
            scheduled_for, subject, body, ics, ics_method, attempts)
          SELECT 'schedule_confirmed', 'email', 'pending', ${`surfaces:${assignmentId}`}, ${assignmentId}, ${pair.customerId}, ${pair.providerId},
            ${pair.providerId}, ${PROVIDER_EMAIL}, now() + interval '1 hour', 'Visit booked', ${`Where: ${STREET}, Back door, Springfield, IL, ${POSTCODE}, US`},
            ${`BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nLOCATION:${STREET}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`}, 'REQUEST', 0
          RETURNING id`,
    )
    queuedId = Number(queued.id)
    // and one sent before it, in the provider's history
    const [sent] = await rows(
      app.payload,
      sql`INSERT INTO reminder_logs (kind, channel, status, dedupe_key, assignment_id, customer_id, provider_id, recipient_id, recipient_address,
            scheduled_for, sent_at, subject, body, ics, ics_method, attempts)
          SELECT 'schedule_proposed', 'email', 'sent', ${`surfaces-sent:${assignmentId}`}, ${assignmentId}, ${pair.customerId}, ${pair.providerId},
            ${pair.providerId}, ${PROVIDER_EMAIL}, now(), now(), 'Times proposed', ${`Where: ${STREET}, Back door, Springfield, IL, ${POSTCODE}, US`},
            ${`BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nLOCATION:${STREET}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`}, 'REQUEST', 1
          RETURNING id`,
    )
    expect((await pair.provider.get(`/api/reminder-logs/${sent.id}`)).body.body).toContain(STREET)

    // a one-tap link the provider got before it
    const [{ scheduled_end: end }] = await rows(app.payload, sql`SELECT scheduled_end FROM assignments WHERE id = ${assignmentId}`)
    const link = signOneTap({ assignmentId, userId: pair.providerId, action: 'attend', expiresAt: new Date(String(end)) })

    expect((await run(assignmentId)).status).toBe(200)

    // the link does nothing now, and its answer names nothing private
    const tapped = await world.clients.anonymous.post('/api/one-tap', { token: link })
    expect([404, 409, 410]).toContain(tapped.status)
    expect(privateParts(JSON.stringify(tapped.body))).toEqual([])

    // the history: what was sent before the change no longer shows the provider the street either
    const history = await pair.provider.get(`/api/reminder-logs/${sent.id}`)
    expect(privateParts(JSON.stringify([history.body.subject, history.body.body, history.body.ics]))).toEqual([])
    expect(history.body.body).toContain('Where: Springfield, IL, US')
    expect((await world.clients.ops.get(`/api/reminder-logs/${sent.id}`)).body.body).toContain(STREET) // Ops: as sent

    // REST, as before: the job's street is gone for the provider
    const job = await pair.provider.get(`/api/jobs/${jobId}`)
    expect(job.status === 404 || job.body.serviceAddress?.line1 === undefined).toBe(true)

    // the feed keeps the visit (a calendar must learn it is cancelled or done) without the private parts
    const feed = eventOf(await providerFeed(), assignmentId)
    if (feed) {
      expect(privateParts([feed.location, feed.description, ...feed.attendees].join('\n'))).toEqual([])
      expect(feed.location).toContain('Springfield')
    }
    // the .ics: still theirs to read as a party to the assignment, without the private parts
    const ics = await pair.provider.get(`/api/assignments/${assignmentId}/calendar.ics`)
    expect(ics.status).toBe(200)
    expect(privateParts(String(ics.body))).toEqual([])
    expect(String(ics.body)).toContain('Springfield')

    // the messages the change sends, and the one queued before it, reach the provider without them
    await rows(app.payload, sql`UPDATE reminder_logs SET scheduled_for = now() WHERE id = ${queuedId}`)
    await queueDeliveries(dbOf(app.payload), [{ logId: queuedId }])
    await drain(app.payload)
    const toProvider = mail.messages.filter((m) => m.to.includes(PROVIDER_EMAIL))
    expect(toProvider.length).toBeGreaterThan(0)
    for (const m of toProvider) expect([m.subject, privateParts(text(m))]).toEqual([m.subject, []])
    const queuedMail = toProvider.find((m) => m.headers['x-jobline-notification'] === String(queuedId))
    const [row] = await rows(app.payload, sql`SELECT status FROM reminder_logs WHERE id = ${queuedId}`)
    if (queuedOutcome === 'suppressed') {
      expect([row.status, queuedMail]).toEqual(['suppressed', undefined])
    } else {
      expect(row.status).toBe('sent')
      expect(queuedMail!.text).toContain('Where: Springfield, IL, US')
      expect(queuedMail!.parts.some((p) => p.contentType === 'text/calendar')).toBe(false)
    }
  })

  it('the customer, whose job it is, keeps the street in her feed and her .ics', async () => {
    const feed = eventOf(await customerFeed(), assignmentId)
    if (feed) expect(feed.location).toContain(STREET)
    const ics = await pair.customer.get(`/api/assignments/${assignmentId}/calendar.ics`)
    expect(String(ics.body)).toContain(STREET)
  })
})

it('a visit in the feed long after it was verified still says when and what, never where exactly', async () => {
  const { assignmentId } = await visit('Surfaces: done weeks ago', -20)
  expect((await pair.provider.act(`/api/assignments/${assignmentId}/complete`, { checklist: { items: ['Done'] } })).status).toBe(200)
  expect((await pair.customer.act(`/api/assignments/${assignmentId}/verify`)).status).toBe(200)
  const event = eventOf(await (await feedOf(pair.provider))(), assignmentId)!
  expect(event.summary).toContain('Surfaces: done weeks ago')
  expect(privateParts([event.location, event.description, ...event.attendees].join('\n'))).toEqual([])
})
