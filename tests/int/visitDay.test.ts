/**
 * The visit's day: the provider's "On my way" (with an ETA) and "Arrived" reach the customer at once over real SMTP —
 * inside the customer's quiet hours too, since they are transactional, not reminders — and are refused on any other
 * day (409), by the wrong people (403 / 404) and with a bad ETA (400), changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { bookVisit, DAY, drain, MINUTE, rows, zoneWhereHour } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let app: TestApp
let mail: Mailbox
let world: World
const night = (h: number) => h >= 22 || h < 6
const midday = (h: number) => h >= 10 && h <= 14

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url, REMINDER_QUIET_HOURS: '21-8', REMINDER_OVERDUE_MINUTES: '100000' } })
  world = await seedWorld(app.payload, app.baseUrl)
  // the customer is in the middle of their night: a reminder now would be deferred to 08:00
  await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour(night)} WHERE id = ${world.ids.customerB}`)
})

afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const versionOf = async (id: number) => Number((await rows(app.payload, sql`SELECT version FROM assignments WHERE id = ${id}`))[0].version)
const counts = async (id: number) =>
  (await rows(app.payload, sql`SELECT (SELECT count(*) FROM audit_events WHERE entity = 'assignments' AND entity_id = ${String(id)})::int AS audit,
    (SELECT count(*) FROM events WHERE entity = 'assignments' AND entity_id = ${id})::int AS events,
    (SELECT version FROM assignments WHERE id = ${id}) AS version`))[0]

const today = (title: string, minutesAhead = 30) =>
  bookVisit(app.payload, {
    customerId: world.ids.customerB,
    providerId: world.ids.provider2,
    start: new Date(Date.now() + minutesAhead * MINUTE),
    timeZone: zoneWhereHour(midday),
    title,
  })

describe('POST /api/assignments/:id/on-my-way and /arrived', () => {
  it('tells the customer at once, inside their quiet hours, and records the visit day', async () => {
    const { assignmentId } = await today('Fix the garden gate')
    const provider = world.clients.provider2
    const res = await provider.post(`/api/assignments/${assignmentId}/on-my-way`, { version: await versionOf(assignmentId), minutes: 25 })
    expect([res.status, res.body?.errors?.[0]?.message]).toEqual([200, undefined])
    expect(res.body.assignment.status).toBe('scheduled')
    expect(res.body.assignment.visitDay).toMatchObject({ etaMinutes: 25, arrivedAt: null })
    expect(res.body.assignment.visitDay.onMyWayAt).toBeTruthy()
    await drain(app.payload)
    const [onTheWay] = await mail.waitFor((m) => m.some((x) => x.headers['x-jobline-kind'] === 'provider_on_the_way'))
      .then((m) => m.filter((x) => x.headers['x-jobline-kind'] === 'provider_on_the_way'))
    expect(onTheWay.to).toEqual(['bob@jobline.local'])
    expect(onTheWay.subject).toMatch(/is on the way: Fix the garden gate$/)
    expect(onTheWay.text).toContain('arriving in about 25 minutes')
    const logs = await rows(app.payload, sql`SELECT status, reason FROM reminder_logs WHERE assignment_id = ${assignmentId} AND kind = 'provider_on_the_way' AND channel = 'email'`)
    expect(logs).toEqual([{ status: 'sent', reason: null }])

    const arrived = await provider.post(`/api/assignments/${assignmentId}/arrived`, { version: await versionOf(assignmentId) })
    expect(arrived.status).toBe(200)
    expect(arrived.body.assignment.visitDay).toMatchObject({ etaMinutes: 25 })
    expect(arrived.body.assignment.visitDay.arrivedAt).toBeTruthy()
    await drain(app.payload)
    await mail.waitFor((m) => m.some((x) => x.headers['x-jobline-kind'] === 'provider_arrived' && x.to.includes('bob@jobline.local')))

    // the customer's view shows it; the timeline has both, by the provider
    const seen = await world.clients.customerB.get(`/api/assignments/${assignmentId}?depth=0`)
    expect(seen.body.visitDay.arrivedAt).toBeTruthy()
    const audit = await rows(app.payload, sql`SELECT action, actor_role AS "actorRole" FROM audit_events WHERE entity = 'assignments' AND entity_id = ${String(assignmentId)} AND action IN ('onMyWay', 'arrive') ORDER BY id`)
    expect(audit).toEqual([{ action: 'onMyWay', actorRole: 'provider' }, { action: 'arrive', actorRole: 'provider' }])
  })

  it('refuses a visit that is not today (409), the wrong people (403 / 404) and a bad ETA (400), changing nothing', async () => {
    const later = await bookVisit(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider2, start: new Date(Date.now() + 3 * DAY), timeZone: 'UTC' })
    const before = await counts(later.assignmentId)
    const notToday = await world.clients.provider2.post(`/api/assignments/${later.assignmentId}/on-my-way`, { version: await versionOf(later.assignmentId) })
    expect(notToday.status).toBe(409)
    expect(notToday.body.errors[0].message).toMatch(/only for the visit's day/)
    expect(await counts(later.assignmentId)).toEqual(before)

    const { assignmentId } = await today('Oil the hinges', 90)
    const version = await versionOf(assignmentId)
    const quiet = await counts(assignmentId)
    expect((await world.clients.customerB.post(`/api/assignments/${assignmentId}/on-my-way`, { version })).status).toBe(403)
    expect((await world.clients.provider1.post(`/api/assignments/${assignmentId}/on-my-way`, { version })).status).toBe(404)
    // someone who may not see the assignment hears it does not exist (404), whatever their role could do
    expect((await world.clients.customerA.post(`/api/assignments/${assignmentId}/arrived`, { version })).status).toBe(404)
    expect((await world.clients.anonymous.post(`/api/assignments/${assignmentId}/arrived`, { version })).status).toBe(401)
    for (const minutes of [0, 241, 1.5, '20']) {
      const bad = await world.clients.provider2.post(`/api/assignments/${assignmentId}/on-my-way`, { version, minutes })
      expect([minutes, bad.status, bad.body.errors?.[0]?.data?.errors?.[0]?.path]).toEqual([minutes, 400, 'minutes'])
    }
    expect(await counts(assignmentId)).toEqual(quiet)
  })

  it('repeats update the ETA without a new message; past six taps the visit’s day is done: 429 with Retry-After, nothing changed', async () => {
    const { assignmentId } = await today('Mend the fence post', 150)
    const provider = world.clients.provider2
    const tap = async (action: 'on-my-way' | 'arrived', body: Record<string, unknown> = {}) =>
      fetch(`${app.baseUrl}/api/assignments/${assignmentId}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${provider.token}` },
        body: JSON.stringify({ version: await versionOf(assignmentId), ...body }),
      })
    const told = async (kind: string) => {
      await drain(app.payload)
      return Number((await rows(app.payload, sql`SELECT count(*)::int AS n FROM reminder_logs WHERE assignment_id = ${assignmentId} AND kind = ${kind} AND channel = 'email'`))[0].n)
    }

    expect((await tap('on-my-way', { minutes: 30 })).status).toBe(200)
    expect(await told('provider_on_the_way')).toBe(1)
    // a second tap minutes later: the ETA the customer sees changes, no second message
    const again = await tap('on-my-way', { minutes: 20 })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { assignment: { visitDay: { etaMinutes: number } } }).assignment.visitDay.etaMinutes).toBe(20)
    expect(await told('provider_on_the_way')).toBe(1)
    // a quarter of an hour after the last message, an update is news again
    await rows(app.payload, sql`UPDATE assignments SET visit_day_notified_at = now() - interval '16 minutes' WHERE id = ${assignmentId}`)
    expect((await tap('on-my-way', { minutes: 5 })).status).toBe(200)
    expect(await told('provider_on_the_way')).toBe(2)
    // "Arrived" tells the customer once
    expect((await tap('arrived')).status).toBe(200)
    expect((await tap('arrived')).status).toBe(200)
    expect(await told('provider_arrived')).toBe(1)
    expect((await tap('on-my-way')).status).toBe(200) // the sixth tap

    const before = await counts(assignmentId)
    const refused = await tap('on-my-way', { minutes: 10 })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/already tapped On my way and Arrived 6 times/)
    expect(await counts(assignmentId)).toEqual(before)
    expect(await told('provider_on_the_way')).toBe(2)
  })
})
