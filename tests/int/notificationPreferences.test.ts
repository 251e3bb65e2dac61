/**
 * A person's own notification preferences, set through the API as they would on the account page: refused with a 400
 * naming the field when wrong (and nothing changed), and honoured by the worker when it plans and when it sends.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { localParts } from '../../src/domain/zonedTime'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { bookVisit, drain, logsOf, roundedFromNow, rows, scan, zoneWhereHour } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let app: TestApp
let mail: Mailbox
let world: World

beforeAll(async () => {
  mail = await startSmtp()
  // platform quiet hours off: only a person's own quiet hours can hold a reminder here
  app = await startTestApp({ env: { SMTP_URL: mail.url, REMINDER_LEAD_MINUTES: '1440,180', REMINDER_QUIET_HOURS: 'off' } })
  world = await seedWorld(app.payload, app.baseUrl)
})

afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const me = () => world.clients.customerA.get(`/api/users/${world.ids.customerA}?depth=0`).then((r) => r.body)
const patchMe = (data: unknown) => world.clients.customerA.patch(`/api/users/${world.ids.customerA}`, data)
const fieldsNamed = (body: { errors?: { data?: { errors?: { path: string }[] } }[] }) =>
  (body.errors?.[0]?.data?.errors ?? []).map((e) => e.path)

describe('setting preferences', () => {
  it('stores a phone in E.164 and each switch apart', async () => {
    const res = await patchMe({
      phone: '+49 (30) 123-4567',
      notifications: { reminders: { email: false, sms: true }, transactional: { sms: true }, quietHours: { start: 22, end: 7 } },
    })
    expect(res.status).toBe(200)
    const user = await me()
    expect(user.phone).toBe('+49301234567')
    expect(user.notifications).toMatchObject({
      reminders: { email: false, sms: true },
      nudges: { email: true, sms: false },
      schedule: { email: true, sms: false },
      transactional: { sms: true },
      quietHours: { start: 22, end: 7 },
    })
  })

  it.each([
    [{ phone: '030 1234567' }, 'phone'],
    [{ phone: '+12345' }, 'phone'],
    [{ notifications: { quietHours: { start: 22, end: null } } }, 'notifications.quietHours.end'],
    [{ notifications: { quietHours: { start: 24, end: 7 } } }, 'notifications.quietHours.start'],
    [{ notifications: { quietHours: { start: 6.5, end: 7 } } }, 'notifications.quietHours.start'],
    [{ notifications: { quietHours: { start: 7, end: 7 } } }, 'notifications.quietHours.end'],
  ])('refuses %j with a 400 naming %s, and changes nothing', async (data, field) => {
    const before = await me()
    const res = await patchMe(data)
    expect(res.status).toBe(400)
    expect(fieldsNamed(res.body)).toContain(field)
    const after = await me()
    expect({ phone: after.phone, notifications: after.notifications, updatedAt: after.updatedAt }).toEqual({
      phone: before.phone,
      notifications: before.notifications,
      updatedAt: before.updatedAt,
    })
  })

  it('refuses a bad phone over GraphQL too', async () => {
    const res = await world.clients.customerA.post('/api/graphql', {
      query: `mutation { updateUser(id: ${world.ids.customerA}, data: { phone: "12" }) { phone } }`,
    })
    expect(JSON.stringify(res.body.errors)).toContain('international format')
    expect((await me()).phone).toBe('+49301234567')
  })

  it('reads a number without a country code in the person’s country (New York: US) and stores it in E.164', async () => {
    const res = await patchMe({ phone: '212 555 1234' })
    expect([res.status, res.body.doc?.phone]).toEqual([200, '+12125551234'])
    expect((await me()).phone).toBe('+12125551234')
    const gql = await world.clients.customerA.post('/api/graphql', {
      query: `mutation { updateUser(id: ${world.ids.customerA}, data: { phone: "(201) 555-0123" }) { phone } }`,
    })
    expect(gql.body).toEqual({ data: { updateUser: { phone: '+12015550123' } } })
    expect((await me()).phone).toBe('+12015550123')
  })

  it('reads it in the time zone sent with it, else in the stored one', async () => {
    const berlin = await patchMe({ timeZone: 'Europe/Berlin', phone: '030 1234567' })
    expect([berlin.status, berlin.body.doc?.phone]).toEqual([200, '+49301234567'])
    const phoneAlone = await patchMe({ phone: '030/7654321' })
    expect([phoneAlone.status, phoneAlone.body.doc?.phone]).toEqual([200, '+49307654321'])
    const back = await patchMe({ timeZone: 'America/New_York', phone: '(201) 555-0123' })
    expect([back.status, back.body.doc?.phone, back.body.doc?.timeZone]).toEqual([200, '+12015550123', 'America/New_York'])
  })

  it.each([
    [{ phone: '555 0100' }, '(201) 555-0123', '+1 201 555 0123'],
    [{ phone: 'call me' }, '(201) 555-0123', '+1 201 555 0123'],
    // read in the time zone sent with it, whose example it gets; the zone is not kept either
    [{ phone: '30 12', timeZone: 'Europe/Berlin' }, '01512 3456789', '+49 1512 3456789'],
  ])('refuses %j with a 400 naming phone and an example from the person’s country, and changes nothing', async (data, national, international) => {
    const before = await me()
    const res = await patchMe(data)
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toBe('The following field is invalid: Phone')
    expect(res.body.errors[0].data.errors).toEqual([
      { path: 'phone', label: expect.anything(), message: `Enter a phone number like ${national}, or in international format ${international}.` },
    ])
    const after = await me()
    expect({ phone: after.phone, timeZone: after.timeZone, updatedAt: after.updatedAt }).toEqual({
      phone: before.phone,
      timeZone: before.timeZone,
      updatedAt: before.updatedAt,
    })
  })

  it('refuses it over GraphQL with the example too, and changes nothing', async () => {
    const res = await world.clients.customerA.post('/api/graphql', {
      query: `mutation { updateUser(id: ${world.ids.customerA}, data: { phone: "555 0100" }) { phone } }`,
    })
    expect(res.body.data?.updateUser ?? null).toBeNull()
    expect(JSON.stringify(res.body.errors)).toContain('phone')
    expect(JSON.stringify(res.body.errors)).toContain('Enter a phone number like (201) 555-0123, or in international format +1 201 555 0123.')
    expect((await me()).phone).toBe('+12015550123')
  })

  it('reads the phone of a new account in the country of its time zone, the default one when none is given', async () => {
    const signUp = (data: Record<string, unknown>) =>
      world.clients.anonymous.post('/api/users', { password: 'a-long-enough-password', name: 'New person', role: 'customer', ...data })
    const london = await signUp({ email: 'london@phones.example', timeZone: 'Europe/London', phone: '07400 123456' })
    expect([london.status, london.body.doc?.phone]).toEqual([201, '+447400123456'])
    const unzoned = await signUp({ email: 'unzoned@phones.example', phone: '(201) 555-0123' })
    expect([unzoned.status, unzoned.body.doc?.timeZone, unzoned.body.doc?.phone]).toEqual([201, 'America/New_York', '+12015550123'])
    const refused = await signUp({ email: 'refused@phones.example', timeZone: 'Europe/London', phone: '555 0100' })
    expect([refused.status, refused.body.errors?.[0]?.data?.errors?.[0]?.message]).toEqual([400, expect.stringContaining('07400 123456')])
  })

  it('does not judge again a number stored under the older rules, so it blocks no save of the settings', async () => {
    // +1 555 0100 passed the old E.164 pattern, but no US number has seven digits
    await rows(app.payload, sql`UPDATE users SET phone = '+15550100' WHERE id = ${world.ids.customerA}`)
    const kept = await patchMe({ phone: '+15550100', notifications: { transactional: { sms: true } } })
    expect([kept.status, kept.body.doc?.phone]).toEqual([200, '+15550100'])
    const changed = await patchMe({ phone: '+1 555 0199' })
    expect([changed.status, fieldsNamed(changed.body)]).toEqual([400, ['phone']])
    expect((await patchMe({ phone: '(201) 555-0123' })).status).toBe(200)
  })

  it('lets nobody else change them', async () => {
    const res = await world.clients.customerB.patch(`/api/users/${world.ids.customerA}`, { notifications: { reminders: { email: true } } })
    expect([403, 404]).toContain(res.status)
    expect((await me()).notifications.reminders.email).toBe(false)
  })
})

describe('the worker', () => {
  it('records a reminder the person switched off as suppressed (opted_out) and still sends the other side’s', async () => {
    await patchMe({ notifications: { reminders: { email: false, sms: false }, quietHours: { start: null, end: null } } })
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider1,
      start: roundedFromNow(150),
      title: 'Service the boiler',
    })
    await scan(app.payload)
    await drain(app.payload)
    const due = (await logsOf(app.payload, assignmentId)).filter((l) => l.dedupe_key.includes(':180:'))
    const byWho = due.map((l) => [l.recipient_id === world.ids.customerA ? 'customer' : 'provider', l.channel, l.status, l.reason]).sort()
    expect(byWho).toEqual(expect.arrayContaining([['customer', 'email', 'suppressed', 'opted_out'], ['customer', 'sms', 'suppressed', 'opted_out']]))
    expect(byWho.filter(([who]) => who === 'provider').every(([, , status]) => status === 'sent')).toBe(true)
    expect(mail.messages.filter((m) => m.to.includes('alice@jobline.local') && m.subject.includes('Service the boiler'))).toEqual([])
  })

  it('holds a reminder in the person’s own quiet hours, though the platform has none', async () => {
    // her quiet hours began this hour and end two hours later: the reminder waits, and still comes before the visit
    const zone = zoneWhereHour((h) => h >= 2 && h < 20)
    const hour = localParts(new Date(), zone).hour
    await rows(app.payload, sql`UPDATE users SET time_zone = ${zone} WHERE id = ${world.ids.customerA}`)
    await patchMe({ notifications: { reminders: { email: true, sms: false }, quietHours: { start: hour, end: hour + 2 } } })
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider2,
      start: roundedFromNow(160),
      title: 'Fit the smoke alarms',
    })
    await scan(app.payload)
    await drain(app.payload)
    const [mine] = (await logsOf(app.payload, assignmentId)).filter((l) => l.dedupe_key.includes(':180:') && l.recipient_id === world.ids.customerA)
    const [row] = await rows(app.payload, sql`SELECT status, reason, next_attempt_at FROM reminder_logs WHERE id = ${mine.id}`)
    expect(row).toMatchObject({ status: 'pending', reason: 'quiet_hours' })
    expect(new Date(String(row.next_attempt_at)).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000)
  })
})
