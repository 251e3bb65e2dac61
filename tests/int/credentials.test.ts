/**
 * A password reset or change ends what came before it: the reset works end to end through the emailed token (only the
 * newest token, once), the new password is the one that signs in, and every session, the calendar feed address and
 * every one-tap link issued before it stop working; the person is told by email. A change through the account keeps
 * the session that made it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { DEV_PASSWORD } from '../../src/seed'
import { signOneTap } from '../../src/services/oneTap/token'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { bookVisit, DAY, drain, rows } from '../helpers/reminders'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let app: TestApp
let world: World
let mail: Mailbox

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { SMTP_URL: mail.url } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const signIn = (email: string, password = DEV_PASSWORD) => ApiClient.login(app.baseUrl, email, password)
const whoIs = async (client: ApiClient) => (await client.get('/api/users/me')).body?.user?.email as string | undefined
const loginStatus = async (email: string, password: string) =>
  (await world.clients.anonymous.post('/api/users/login', { email, password })).status

/**
 * Asks for a reset link and answers the token the email carries. Payload sends at most one link per account every
 * 15 s; the test moves the last request back past that instead of waiting.
 */
async function resetToken(email: string): Promise<string> {
  await rows(app.payload, sql`UPDATE users SET reset_password_requested_at = now() - interval '1 minute' WHERE email = ${email}`)
  mail.messages.length = 0
  expect((await world.clients.anonymous.post('/api/users/forgot-password', { email })).status).toBe(200)
  const [message] = await mail.waitFor((ms) => ms.some((m) => m.to.includes(email)))
  const html = message.parts.find((p) => p.contentType === 'text/html')?.content ?? ''
  const token = /\/reset-password\?token=([0-9a-f]+)"/.exec(html)?.[1]
  expect(token).toBeTruthy()
  return token!
}

const reset = (token: string, password: string) => world.clients.anonymous.post('/api/users/reset-password', { token, password })

let visits = 0
/** A one-tap "I'll be there" link for `userId` on a visit of theirs in a few days (each its own), issued at `issuedAt`. */
async function oneTapLink(customerId: number, issuedAt = new Date()) {
  const start = new Date(Date.now() + DAY * (2 + ++visits))
  const { assignmentId } = await bookVisit(app.payload, { customerId, providerId: world.ids.provider1, start, minutes: 60 })
  return signOneTap({ assignmentId, userId: customerId, action: 'attend', expiresAt: new Date(start.getTime() + 3_600_000), issuedAt })
}

const passwordChangedMails = async (email: string) => {
  await drain(app.payload)
  return mail.messages.filter((m) => m.to.includes(email) && m.subject === 'Your Jobline password was changed')
}

describe('password reset', () => {
  it('works with the newest token only, once; the new password signs in and the old one does not', async () => {
    const superseded = await resetToken('bob@jobline.local')
    const newest = await resetToken('bob@jobline.local')
    expect(newest).not.toBe(superseded)

    const refused = await reset(superseded, 'a-new-password-1')
    expect(refused.status).toBe(403)
    expect(await loginStatus('bob@jobline.local', DEV_PASSWORD)).toBe(200) // nothing changed

    const done = await reset(newest, 'a-new-password-2')
    expect(done.status).toBe(200)
    expect(done.body.user.email).toBe('bob@jobline.local')
    expect(await loginStatus('bob@jobline.local', 'a-new-password-2')).toBe(200)
    expect(await loginStatus('bob@jobline.local', DEV_PASSWORD)).toBe(401)

    expect((await reset(newest, 'a-new-password-3')).status).toBe(403) // once
    expect(await loginStatus('bob@jobline.local', 'a-new-password-2')).toBe(200)
  })

  it('ends every session, the feed address and the one-tap links from before it, and tells the person', async () => {
    const email = 'alice@jobline.local'
    const [phone, laptop] = [await signIn(email), await signIn(email)]
    const feed = await phone.post('/api/users/calendar-token')
    const feedPath = new URL(feed.body.url).pathname
    expect((await world.clients.anonymous.get(feedPath)).status).toBe(200)
    const linkBefore = await oneTapLink(world.ids.customerA)

    expect((await reset(await resetToken(email), 'alices-new-password')).status).toBe(200)

    expect(await whoIs(phone)).toBeUndefined()
    expect(await whoIs(laptop)).toBeUndefined()
    expect((await world.clients.anonymous.get(feedPath)).status).toBe(404)
    const me = await (await signIn(email, 'alices-new-password')).get('/api/users/me')
    expect(me.body.user.calendarToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect((await world.clients.anonymous.get(`/api/calendar/${me.body.user.calendarToken}.ics`)).status).toBe(200)

    const refused = await world.clients.anonymous.post('/api/one-tap', { token: linkBefore })
    expect([refused.status, refused.body.errors[0].data?.reason]).toEqual([410, 'superseded'])
    expect((await world.clients.anonymous.post('/api/one-tap', { token: await oneTapLink(world.ids.customerA) })).status).toBe(200)

    const told = await passwordChangedMails(email)
    expect(told).toHaveLength(1)
    expect(told[0].text).toContain('reset with a link from our email')
    expect(told[0].text).toContain('Every other device was signed out')
  })
})

describe('password change through the account', () => {
  it('keeps the session that made it and ends the others, the feed address and earlier links, and tells the person', async () => {
    const email = 'quinn@jobline.local'
    const [here, elsewhere] = [await signIn(email), await signIn(email)]
    const id = (await here.get('/api/users/me')).body.user.id as number
    const feedPath = new URL((await here.post('/api/users/calendar-token')).body.url).pathname

    const changed = await here.patch(`/api/users/${id}`, { password: 'quinns-new-password' })
    expect(changed.status).toBe(200)

    expect(await whoIs(here)).toBe(email)
    expect(await whoIs(elsewhere)).toBeUndefined()
    expect((await world.clients.anonymous.get(feedPath)).status).toBe(404)
    expect(await loginStatus(email, 'quinns-new-password')).toBe(200)
    const told = await passwordChangedMails(email)
    expect(told).toHaveLength(1)
    expect(told[0].text).toContain('Your password was changed on')
  })

  it('changing anything else ends nothing', async () => {
    const email = 'riley@jobline.local'
    const [here, elsewhere] = [await signIn(email), await signIn(email)]
    const id = (await here.get('/api/users/me')).body.user.id as number
    const feedPath = new URL((await here.post('/api/users/calendar-token')).body.url).pathname
    expect((await here.patch(`/api/users/${id}`, { name: 'Riley R.' })).status).toBe(200)
    expect(await whoIs(elsewhere)).toBe(email)
    expect((await world.clients.anonymous.get(feedPath)).status).toBe(200)
    expect(await passwordChangedMails(email)).toHaveLength(0)
  })
})
