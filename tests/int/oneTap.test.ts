/**
 * One-tap links ("I'll be there" from a reminder email): valid once, as the link's user with their audit row;
 * reused, tampered, expired or for another visit they are refused, and a refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { signOneTap } from '../../src/services/oneTap/token'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { bookVisit, drain, HOUR, MINUTE, rows, scan } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let app: TestApp
let world: World
let mail: Mailbox

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url, REMINDER_QUIET_HOURS: 'off', REMINDER_LEAD_MINUTES: '180', REMINDER_OVERDUE_MINUTES: '100000' } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const tap = (token: unknown) => world.clients.anonymous.post('/api/one-tap', { token })
const state = async (id: number) =>
  (await rows(app.payload, sql`SELECT (SELECT count(*) FROM audit_events WHERE entity = 'assignments' AND entity_id = ${String(id)})::int AS audit,
    (SELECT count(*) FROM events WHERE entity = 'assignments' AND entity_id = ${id})::int AS events,
    (SELECT count(*) FROM one_tap_claims WHERE assignment_id = ${id})::int AS claims,
    (SELECT version FROM assignments WHERE id = ${id}) AS version`))[0]

/** The end of the booked visit: what a link sent for it expires with. */
const endOf = async (id: number) => new Date(String((await rows(app.payload, sql`SELECT scheduled_end FROM assignments WHERE id = ${id}`))[0].scheduled_end))

const visit = (hoursAhead = 2) =>
  bookVisit(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider2, start: new Date(Date.now() + hoursAhead * HOUR) })

describe('POST /api/one-tap', () => {
  it('acts once, as the link’s user, with their audit row; a second use is 409 and changes nothing', async () => {
    const { assignmentId } = await visit()
    const token = signOneTap({ assignmentId, userId: world.ids.customerB, action: 'attend', expiresAt: await endOf(assignmentId) })
    const first = await tap(token)
    expect([first.status, first.body?.errors?.[0]?.message]).toEqual([200, undefined])
    expect(first.body.action).toBe('attend')
    const audit = await rows(app.payload, sql`SELECT action, actor_role AS "actorRole", actor_id AS "actorId" FROM audit_events WHERE entity = 'assignments' AND entity_id = ${String(assignmentId)} AND action = 'attend'`)
    expect(audit).toEqual([{ action: 'attend', actorRole: 'customer', actorId: world.ids.customerB }])
    const after = await state(assignmentId)
    const again = await tap(token)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already used/)
    expect(await state(assignmentId)).toEqual(after)
  })

  it('refuses tampered, expired, malformed and not-theirs links without changing anything', async () => {
    const { assignmentId } = await visit(3)
    const before = await state(assignmentId)
    const end = await endOf(assignmentId)
    const good = signOneTap({ assignmentId, userId: world.ids.customerB, action: 'attend', expiresAt: end })
    const [v, body, sig] = good.split('.')
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: world.ids.customerA })).toString('base64url')
    expect((await tap(`${v}.${forged}.${sig}`)).status).toBe(403)
    expect((await tap(`${v}.${body}.${sig.slice(0, -4)}AAAA`)).status).toBe(403)
    const expired = signOneTap({ assignmentId, userId: world.ids.customerB, action: 'attend', expiresAt: new Date(Date.now() - 1000) })
    expect((await tap(expired)).status).toBe(410)
    for (const junk of [undefined, 42, '', 'nonsense', 'v1.a']) expect([junk, (await tap(junk)).status]).toEqual([junk, 400])
    expect((await tap('v1.a.b')).status).toBe(403) // the shape of a token, not its signature
    // a genuine link of someone who is not a party: their access says the assignment does not exist
    const stranger = signOneTap({ assignmentId, userId: world.ids.customerA, action: 'attend', expiresAt: end })
    expect((await tap(stranger)).status).toBe(404)
    // Ops may never attend (403 from the table): the link cannot do more than its user could
    const ops = signOneTap({ assignmentId, userId: world.ids.ops, action: 'attend', expiresAt: end })
    expect((await tap(ops)).status).toBe(403)
    expect(await state(assignmentId)).toEqual(before)
  })

  it('answers 404 to a link signed right for an assignment that no longer exists or never did', async () => {
    const { assignmentId } = await visit(5)
    const expiresAt = await endOf(assignmentId)
    await rows(app.payload, sql`DELETE FROM assignments WHERE id = ${assignmentId}`)
    for (const id of [assignmentId, 2_147_483_000]) {
      const res = await tap(signOneTap({ assignmentId: id, userId: world.ids.customerB, action: 'attend', expiresAt }))
      expect([id, res.status, res.body.errors[0].message]).toEqual([id, 404, 'This link is not valid any more.'])
    }
    expect(await rows(app.payload, sql`SELECT * FROM one_tap_claims WHERE assignment_id = ${assignmentId}`)).toEqual([])
  })

  it('refuses a link sent for a visit that has moved since, and changes nothing', async () => {
    const { assignmentId } = await visit(4)
    const token = signOneTap({ assignmentId, userId: world.ids.customerB, action: 'attend', expiresAt: await endOf(assignmentId) })
    await rows(app.payload, sql`UPDATE assignments SET scheduled_start = scheduled_start + interval '1 hour', scheduled_end = scheduled_end + interval '1 hour' WHERE id = ${assignmentId}`)
    const before = await state(assignmentId)
    const moved = await tap(token)
    expect([moved.status, moved.body.errors[0].data?.reason]).toEqual([409, 'moved'])
    expect(await state(assignmentId)).toEqual(before) // no audit row, no event, and the claim rolled back
  })

  it('a visit reminder email carries the recipient’s own links: the one-tap works once, the other opens the propose form', async () => {
    const { assignmentId, jobId } = await bookVisit(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider2, start: new Date(Date.now() + 60 * MINUTE), title: 'Paint the fence' })
    await scan(app.payload)
    await drain(app.payload)
    const [reminder] = (await mail.waitFor((m) => m.some((x) => x.headers['x-jobline-kind'] === 'visit_reminder' && x.to.includes('bob@jobline.local') && x.subject.includes('Paint the fence'))))
      .filter((x) => x.headers['x-jobline-kind'] === 'visit_reminder' && x.to.includes('bob@jobline.local') && x.subject.includes('Paint the fence'))
    const link = /I'll be there \(one tap, no sign-in\): (\S+)/.exec(reminder.text)?.[1]
    expect(link).toMatch(/\/tap\?t=/)
    expect(reminder.text).toContain(`/jobs/view?id=${jobId}&propose=1`)
    const token = decodeURIComponent(new URL(link!).searchParams.get('t')!)
    expect((await tap(token)).status).toBe(200)
    expect((await tap(token)).status).toBe(409)
    const audit = await rows(app.payload, sql`SELECT actor_id AS "actorId" FROM audit_events WHERE entity = 'assignments' AND entity_id = ${String(assignmentId)} AND action = 'attend'`)
    expect(audit).toEqual([{ actorId: world.ids.customerB }])
    // the history shows the message without the token (the text is not stored; opening the log renders it again):
    // neither Ops nor anyone reading the log can act as Bob with it
    const logId = Number(reminder.headers['x-jobline-notification'])
    expect((await rows(app.payload, sql`SELECT body FROM reminder_logs WHERE id = ${logId}`))[0].body).toBeNull()
    for (const reader of [world.clients.customerB, world.clients.ops]) {
      const logged = await reader.get(`/api/reminder-logs/${logId}?depth=0`)
      expect([logged.status, logged.body.subject]).toEqual([200, reminder.subject])
      expect(logged.body.body).toContain('/tap?t=(used in the email only)')
      expect(logged.body.body).toContain(`/jobs/view?id=${jobId}&propose=1`)
      expect(logged.body.body).not.toContain(encodeURIComponent(token))
    }
    expect((await world.clients.provider1.get(`/api/reminder-logs/${logId}?depth=0`)).status).toBe(404)
  })
})
