/**
 * The notifications service: typed events rendered from templates in the job's time zone, on every channel the
 * person can be reached on (email over real SMTP, SMS through the pluggable provider), recorded once, in the caller's
 * transaction; and template previews.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { REMINDER_KINDS } from '../../src/collections/ReminderLogs'
import { emit, useSmsProvider, loggingSmsProvider, type SmsProvider } from '../../src/services/notifications'
import { sameForEveryGroup } from '../../src/domain/notificationPreferences'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { drain, rows } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let app: TestApp
let mail: Mailbox
let world: World
let lightsId: number
const texts: { to: string; text: string }[] = []
const recordingSms: SmsProvider = {
  name: 'test',
  async send(to, text) {
    texts.push({ to, text })
    return { id: `sms-${texts.length}` }
  },
}

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url, REMINDER_OVERDUE_MINUTES: '100000' } })
  world = await seedWorld(app.payload, app.baseUrl)
  useSmsProvider(recordingSms)
  // seeded: "Install ceiling lights", Bob's job in Berlin, booked with Riley for tomorrow
  const [lights] = await rows(app.payload, sql`SELECT a.id FROM assignments a JOIN jobs j ON j.id = a.job_id WHERE j.title = 'Install ceiling lights'`)
  lightsId = Number(lights.id)
  await app.payload.update({
    collection: 'users',
    id: world.ids.customerB,
    data: { phone: '+49 30 5550100', notifications: sameForEveryGroup({ email: true, sms: true }) },
    overrideAccess: true,
  })
})

afterAll(async () => {
  useSmsProvider(loggingSmsProvider)
  await app?.close()
  await mail?.close()
})

/** Runs `work` with a request in its own transaction, as an endpoint does; rolls back when asked to. */
async function inRequest(work: (req: Awaited<ReturnType<typeof createLocalReq>>) => Promise<void>, { rollback = false } = {}) {
  const req = await createLocalReq({}, app.payload)
  await initTransaction(req)
  try {
    await work(req)
    if (rollback) await killTransaction(req)
    else await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

const logsOfEvent = (kind: string, occurrence: string) =>
  rows(app.payload, sql`SELECT id, channel, status, reason, recipient_id, subject, body, ics, ics_method AS "icsMethod" FROM reminder_logs
    WHERE kind = ${kind} AND dedupe_key LIKE ${`%:${occurrence}:%`} ORDER BY id`)

describe('emit', () => {
  it('renders an event from its template for every channel of every recipient, in the job’s time zone', async () => {
    const event = {
      kind: 'schedule_confirmed' as const,
      assignmentId: lightsId,
      customerId: world.ids.customerB,
      providerId: world.ids.provider2,
      to: [
        { userId: world.ids.customerB, role: 'customer' as const },
        { userId: world.ids.provider2, role: 'provider' as const },
      ],
      occurrence: 'e1',
    }
    await inRequest((req) => emit(req, event).then(() => undefined))
    await inRequest((req) => emit(req, event).then(() => undefined)) // the same event again: recorded once
    await drain(app.payload)

    const logs = await logsOfEvent('schedule_confirmed', 'e1')
    expect(logs.map((l) => [l.recipient_id, l.channel, l.status])).toEqual([
      [world.ids.customerB, 'email', 'sent'],
      [world.ids.customerB, 'sms', 'sent'],
      [world.ids.provider2, 'email', 'sent'],
    ])
    const [lights] = await rows(app.payload, sql`SELECT scheduled_start FROM assignments WHERE id = ${lightsId}`)
    const start = new Date(lights.scheduled_start as string)
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'short' }).formatToParts(start).find((p) => p.type === 'timeZoneName')!.value
    const toBob = mail.messages.filter((m) => m.to.includes('bob@jobline.local') && m.headers['x-jobline-kind'] === 'schedule_confirmed')
    expect(toBob).toHaveLength(1)
    expect(toBob[0].subject).toMatch(new RegExp(`^Visit confirmed: Install ceiling lights, .* ${zone}$`))
    expect(toBob[0].text).toContain('With: Riley Repairs')
    // the phone was given as +49 30 5550100 and is kept in E.164
    expect(texts.filter((t) => t.to === '+49305550100')).toEqual([
      { to: '+49305550100', text: expect.stringMatching(/^Jobline: visit for "Install ceiling lights" booked for .* (CET|CEST)\.$/) },
    ])
  })

  it('records nothing and sends nothing when the caller’s transaction rolls back', async () => {
    await inRequest(
      (req) =>
        emit(req, { kind: 'visit_cancelled', assignmentId: lightsId, to: [{ userId: world.ids.customerB, role: 'customer' }], occurrence: 'rolled-back' }).then(
          () => undefined,
        ),
      { rollback: true },
    )
    expect(await logsOfEvent('visit_cancelled', 'rolled-back')).toEqual([])
    expect(await rows(app.payload, sql`SELECT id FROM payload_jobs WHERE completed_at IS NULL`)).toEqual([])
  })

  it('renders every text from the template and stores the calendar invite with the notification', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n'
    await inRequest((req) =>
      emit(req, {
        kind: 'schedule_changed',
        assignmentId: lightsId,
        to: [{ userId: world.ids.customerB, role: 'customer' }],
        occurrence: 'n1',
        ics: { method: 'REQUEST', content: ics },
      }).then(() => undefined),
    )
    const [row] = (await logsOfEvent('schedule_changed', 'n1')).filter((l) => l.channel === 'email')
    expect(row.ics).toBe(ics)
    expect(row.icsMethod).toBe('REQUEST')
    await drain(app.payload)
    const email = mail.messages.find((m) => m.headers['x-jobline-notification'] === String(row.id))!
    expect(email.subject).toMatch(/^Visit moved: Install ceiling lights, /)
    expect(email.text).toContain('The visit for "Install ceiling lights" has moved.')
    const invite = email.parts.find((p) => p.contentType === 'text/calendar')
    expect(invite?.filename).toBe('invite.ics')
    expect(invite?.content.replace(/\r\n/g, '\n').trim()).toBe(ics.replace(/\r\n/g, '\n').trim())
    expect(texts.at(-1)?.text).toMatch(/^Jobline: visit for "Install ceiling lights" moved to /)
  })

  it('records a channel the person turned off as suppressed (opted_out), and sends account messages by email regardless', async () => {
    await app.payload.update({ collection: 'users', id: world.ids.customerB, data: { notifications: sameForEveryGroup({ email: false, sms: true }) }, overrideAccess: true })
    try {
      const emitTo = (kind: 'schedule_confirmed' | 'assignment_rejected', occurrence: string) =>
        inRequest((req) =>
          emit(req, { kind, assignmentId: lightsId, to: [{ userId: world.ids.customerB, role: 'customer' }], occurrence }).then(() => undefined),
        )
      await emitTo('schedule_confirmed', 'o1')
      await drain(app.payload)
      await app.payload.update({ collection: 'users', id: world.ids.customerB, data: { notifications: sameForEveryGroup({ email: false, sms: false }) }, overrideAccess: true })
      await emitTo('assignment_rejected', 'o2')
      await drain(app.payload)
      expect((await logsOfEvent('schedule_confirmed', 'o1')).map((l) => [l.channel, l.status, l.reason])).toEqual([
        ['email', 'suppressed', 'opted_out'],
        ['sms', 'sent', null],
      ])
      // a rejected assignment is an account message: email cannot be turned off, SMS can
      expect((await logsOfEvent('assignment_rejected', 'o2')).map((l) => [l.channel, l.status, l.reason])).toEqual([
        ['email', 'sent', null],
        ['sms', 'suppressed', 'opted_out'],
      ])
    } finally {
      await app.payload.update({ collection: 'users', id: world.ids.customerB, data: { notifications: sameForEveryGroup({ email: true, sms: true }) }, overrideAccess: true })
    }
  })
})

describe('GET /api/notifications/preview/:template', () => {
  const preview = (path: string) => new ApiClient(app.baseUrl).get(`/api/notifications/preview/${path}`)

  it('renders every template on both channels with sample data, outside production without signing in', async () => {
    for (const kind of REMINDER_KINDS) {
      const email = await preview(`${kind}?channel=email`)
      expect([kind, email.status]).toEqual([kind, 200])
      expect(email.body.subject.length).toBeGreaterThan(5)
      expect(email.body.text).toMatch(/^Hi .+,/)
      const sms = await preview(`${kind}?channel=sms`)
      expect([kind, sms.status, sms.body.subject]).toEqual([kind, 200, null])
      expect(sms.body.text.length).toBeLessThanOrEqual(160)
    }
    const reminder = await preview('visit_reminder')
    expect(reminder.body.channel).toBe('email')
    expect(reminder.body.text).toContain('When: Tue, Mar 10, 2026, 9:00 – 11:00 AM CET')
  })

  it('answers 404 naming the templates for an unknown one, 400 for an unknown channel', async () => {
    const missing = await preview('birthday_card')
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].message).toContain('visit_reminder')
    const fax = await preview('visit_reminder?channel=fax')
    expect(fax.status).toBe(400)
  })
})
