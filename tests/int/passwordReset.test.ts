/**
 * "Forgot password" as the site uses it: the email links to the site's /reset-password with a token that works once,
 * for one hour; asking answers alike for known and unknown addresses and is throttled; a used, expired or made-up
 * token is a 403 that changes nothing. The reset page asks whether a link still works by sending an empty password,
 * which Payload refuses after looking the token up and before changing anything: held here, since the page relies on
 * it. (What a reset ends, and the email saying so: credentials.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { RESET_LINK_LIFETIME_MS } from '../../src/domain/passwords'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { startSmtp, type Mailbox } from '../helpers/smtp'

const SITE = 'https://jobs.example.test'
const ENV = { SERVER_URL: SITE, AUTH_THROTTLE_PER_ACCOUNT: '3', AUTH_THROTTLE_PER_ADDRESS: '50', TRUSTED_PROXY_HOPS: '1' }
let app: TestApp
let mail: Mailbox
let anon: ApiClient

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({ env: { ...ENV, SMTP_URL: mail.url } })
  anon = new ApiClient(app.baseUrl)
})
afterAll(async () => {
  await app?.close()
  await mail?.close()
  for (const k of [...Object.keys(ENV), 'SMTP_URL']) delete process.env[k] // the next test file in this worker gets the defaults
})

let people = 0
/** A person of this test's own, with `password`. */
async function newPerson(password = 'first-password') {
  const email = `reset-${++people}@example.test`
  const user = await app.payload.create({ collection: 'users', data: { email, password, name: `Person ${people}`, role: 'customer', timeZone: 'Europe/Berlin' } })
  return { email, id: user.id as number, password }
}

let addresses = 0
/** A client address of its own for each test, so their throttle counters never meet. */
const freshAddress = () => `203.0.113.${++addresses}`

const forgot = (email: string, address = freshAddress()) =>
  anon.request('POST', '/api/users/forgot-password', { email }, { 'x-forwarded-for': address })
const reset = (token: string, password: string) => anon.post('/api/users/reset-password', { token, password })
const loginStatus = async (email: string, password: string) =>
  (await anon.request('POST', '/api/users/login', { email, password }, { 'x-forwarded-for': freshAddress() })).status

/** Asks for a link and answers the email and the token in it. */
async function askForLink(email: string) {
  mail.messages.length = 0
  expect((await forgot(email)).status).toBe(200)
  const [message] = await mail.waitFor((ms) => ms.some((m) => m.to.includes(email)))
  const html = message.parts.find((p) => p.contentType === 'text/html')?.content ?? ''
  const token = new RegExp(`${SITE}/reset-password\\?token=([0-9a-f]{40})"`).exec(html)?.[1]
  expect(token).toBeTruthy()
  return { message, html, token: token! }
}

const stored = async (id: number) =>
  (await app.payload.findByID({ collection: 'users', id, overrideAccess: true, showHiddenFields: true })) as unknown as {
    resetPasswordToken?: string | null
    resetPasswordExpiration?: string | null
  }

describe('asking for a link', () => {
  it('emails a link to the site page /reset-password, working for one hour, and says so', async () => {
    const person = await newPerson()
    const before = Date.now()
    const { message, html, token } = await askForLink(person.email)
    expect(message.subject).toBe('Reset your Jobline password')
    expect(html).toContain(`<a href="${SITE}/reset-password?token=${token}">`)
    expect(html).not.toContain('/admin')
    expect(html).toContain(`Hi Person ${people},`)
    expect(html).toContain('The link works once, for one hour.')
    expect(html).toContain('Didn&#39;t ask? Ignore this email: your password stays as it is.')

    const user = await stored(person.id)
    expect(user.resetPasswordToken).toBe(token)
    const expires = new Date(user.resetPasswordExpiration!).getTime()
    expect(expires).toBeGreaterThanOrEqual(before + RESET_LINK_LIFETIME_MS - 1000)
    expect(expires).toBeLessThanOrEqual(Date.now() + RESET_LINK_LIFETIME_MS)
    expect(RESET_LINK_LIFETIME_MS).toBe(60 * 60 * 1000)
  })

  it('answers a known and an unknown address exactly alike, status, headers and body, and mails only the known', async () => {
    const person = await newPerson()
    mail.messages.length = 0
    const address = freshAddress()
    const known = await fetch(`${app.baseUrl}/api/users/forgot-password`, post({ email: person.email }, address))
    const unknown = await fetch(`${app.baseUrl}/api/users/forgot-password`, post({ email: 'nobody-at-all@example.test' }, address))
    expect([known.status, await known.text()]).toEqual([unknown.status, await unknown.text()])
    expect(known.status).toBe(200)
    const headers = (r: Response) => [...r.headers.entries()].filter(([k]) => k !== 'date').sort()
    expect(headers(known)).toEqual(headers(unknown))
    await mail.waitFor((ms) => ms.length > 0)
    expect(mail.messages.map((m) => m.to)).toEqual([[person.email]])
  })

  it('is throttled past the limit with 429 and Retry-After, alike for known and unknown addresses', async () => {
    const person = await newPerson()
    const [a, b] = [freshAddress(), freshAddress()]
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 4; i++) {
      known.push((await forgot(person.email, a)).status)
      unknown.push((await forgot('nobody-either@example.test', b)).status)
    }
    expect(known).toEqual([200, 200, 200, 429])
    expect(unknown).toEqual(known)
    const res = await fetch(`${app.baseUrl}/api/users/forgot-password`, post({ email: person.email }, a))
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    const body = await res.json()
    // the page reads the wait from here and says it in minutes
    expect(body.errors[0]).toMatchObject({ message: `Too many attempts: try again in ${retryAfter} seconds.`, data: { retryAfterSeconds: retryAfter } })
  })
})

describe('using the link', () => {
  it('sets the new password once, signs the person in, and the used link then changes nothing', async () => {
    const person = await newPerson()
    const { token } = await askForLink(person.email)
    const res = await fetch(`${app.baseUrl}/api/users/reset-password`, post({ token, password: 'second-password' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/^payload-token=[^;]+;/)
    const body = await res.json()
    expect(body.user.email).toBe(person.email)
    expect(await loginStatus(person.email, 'second-password')).toBe(200)
    expect(await loginStatus(person.email, person.password)).toBe(401)

    const again = await reset(token, 'third-password')
    expect(again.status).toBe(403)
    expect(again.body.errors[0].message).toBe('Token is either invalid or has expired.')
    expect(await loginStatus(person.email, 'second-password')).toBe(200)
    expect(await loginStatus(person.email, 'third-password')).toBe(401)
  })

  it('refuses an expired link with 403 and keeps the password', async () => {
    const person = await newPerson()
    const { token } = await askForLink(person.email)
    // an hour and a minute later, without waiting: the expiry moved back through the Local API
    await app.payload.update({
      collection: 'users',
      id: person.id,
      data: { resetPasswordExpiration: new Date(Date.now() - 60_000).toISOString() } as never,
      overrideAccess: true,
    })
    expect((await stored(person.id)).resetPasswordToken).toBe(token)
    expect((await reset(token, 'too-late-password')).status).toBe(403)
    expect(await loginStatus(person.email, person.password)).toBe(200)
    expect(await loginStatus(person.email, 'too-late-password')).toBe(401)
  })

  it('refuses a tampered, made-up, empty or missing token with 403; nothing changes', async () => {
    const person = await newPerson()
    const { token } = await askForLink(person.email)
    const tampered = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')
    for (const bad of [tampered, token.toUpperCase(), 'x', '']) expect([bad, (await reset(bad, 'stolen-password')).status]).toEqual([bad, 403])
    expect((await anon.post('/api/users/reset-password', { password: 'stolen-password' })).status).toBe(403)
    expect(await loginStatus(person.email, person.password)).toBe(200)
    expect(await loginStatus(person.email, 'stolen-password')).toBe(401)
    expect((await stored(person.id)).resetPasswordToken).toBe(token) // the real link still works
    expect((await reset(token, 'own-new-password')).status).toBe(200)
  })

  it('refuses a password shorter than the collection allows with 400 naming it, and the link still works', async () => {
    const person = await newPerson()
    const { token } = await askForLink(person.email)
    const short = await reset(token, 'ab')
    expect(short.status).toBe(400)
    expect(short.body.errors[0].data.errors[0].path).toBe('password')
    expect(await loginStatus(person.email, person.password)).toBe(200)
    expect((await reset(token, 'abc')).status).toBe(200)
  })

  it('tells a live link from a dead one when sent an empty password (400 and 403), and changes nothing', async () => {
    const person = await newPerson()
    const { token } = await askForLink(person.email)
    const live = await reset(token, '')
    expect(live.status).toBe(400)
    expect(live.body.errors[0].data.errors[0].path).toBe('password')
    expect((await reset('0'.repeat(40), '')).status).toBe(403)
    const user = await stored(person.id)
    expect(user.resetPasswordToken).toBe(token)
    expect(new Date(user.resetPasswordExpiration!).getTime()).toBeGreaterThan(Date.now())
    expect(await loginStatus(person.email, person.password)).toBe(200)
    expect((await reset(token, 'after-the-check')).status).toBe(200)
  })
})

function post(body: unknown, address = freshAddress()): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) }
}
