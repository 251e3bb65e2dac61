/**
 * Auth at the trust boundary: unlock is Ops-only over REST and GraphQL; nothing locks an account, so a wrong password
 * and any other refusal read the same for known and unknown e-mails; sign-in, sign-up and password reset are
 * throttled per account (from one address and from all), and per client address, with 429 and Retry-After, counted
 * in Postgres; only failed sign-ins count. Client addresses come from X-Forwarded-For here because the test sets
 * TRUSTED_PROXY_HOPS=1 (the harness is the "proxy").
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { DEV_PASSWORD } from '../../src/seed'
import { startTestApp, type TestApp } from '../helpers/app'
import { ApiClient } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'

const LIMITS = { AUTH_THROTTLE_PER_ACCOUNT: '3', AUTH_THROTTLE_PER_ADDRESS: '8', AUTH_THROTTLE_WINDOW_SECONDS: '600', TRUSTED_PROXY_HOPS: '1' }
let app: TestApp
let world: World
let anon: ApiClient

beforeAll(async () => {
  app = await startTestApp({ env: LIMITS })
  world = await seedWorld(app.payload, app.baseUrl)
  anon = world.clients.anonymous
})
afterAll(async () => {
  await app?.close()
  for (const k of Object.keys(LIMITS)) delete process.env[k] // the next test file in this worker gets the defaults
})

let nextAddress = 1
/** A client address of its own for each test, so their counters never meet. */
const freshAddress = () => `198.51.100.${nextAddress++}`

const login = (email: string, password: string, address: string) =>
  anon.request('POST', '/api/users/login', { email, password }, { 'x-forwarded-for': address })
const gqlLogin = (email: string, password: string, address: string) =>
  anon.request(
    'POST',
    '/api/graphql',
    { query: 'mutation ($e: String!, $p: String!) { loginUser(email: $e, password: $p) { token } }', variables: { e: email, p: password } },
    { 'x-forwarded-for': address },
  )

const throttleRows = async () =>
  (await app.payload.db.drizzle.execute(sql`SELECT key, attempts FROM auth_throttle ORDER BY key`)).rows as { key: string; attempts: number }[]

describe('unlock', () => {
  it('is Ops-only over REST, and GraphQL has no unlock at all (there is no lockout to undo)', async () => {
    for (const actor of ['anonymous', 'customerA', 'provider1'] as const) {
      const rest = await world.clients[actor].post('/api/users/unlock', { email: 'ops@jobline.local' })
      expect(rest.status).toBe(403)
      const gql = await world.clients[actor].gql('mutation { unlockUser(email: "ops@jobline.local") }')
      expect(gql.body.data).toBeUndefined()
      expect(gql.body.errors?.[0].message).toContain('Cannot query field "unlockUser"')
    }
    expect((await world.clients.ops.post('/api/users/unlock', { email: 'alice@jobline.local' })).status).toBe(200)
  })
})

describe('no lockout, no enumeration', () => {
  it('answers a known e-mail with a wrong password exactly as an unknown e-mail, before and after the throttle', async () => {
    const known: { status: number; body: unknown }[] = []
    const unknown: { status: number; body: unknown }[] = []
    const a = freshAddress()
    const b = freshAddress()
    for (let i = 0; i < 5; i++) {
      known.push(await login('bob@jobline.local', 'wrong-password', a))
      unknown.push(await login('nobody-here@jobline.local', 'wrong-password', b))
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 429, 429])
    // the wait is counted down in whole seconds, so the two sequences may be a second apart: compare all but that
    const bodies = (rs: { body: unknown }[]) =>
      rs.map((r) => JSON.stringify(r.body).replace(/\d+ seconds/, 'N seconds').replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":N'))
    expect(bodies(known)).toEqual(bodies(unknown))
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status))
  })

  it('keeps the owner signing in from their own address while a stranger is throttled on the same account', async () => {
    const stranger = freshAddress()
    for (let i = 0; i < 3; i++) expect((await login('alice@jobline.local', 'guess-' + i, stranger)).status).toBe(401)
    const refused = await login('alice@jobline.local', DEV_PASSWORD, stranger) // even the right password, from there
    expect(refused.status).toBe(429)
    expect((await login('alice@jobline.local', DEV_PASSWORD, freshAddress())).status).toBe(200)
    const user = await app.payload.find({ collection: 'users', where: { email: { equals: 'alice@jobline.local' } }, overrideAccess: true })
    expect(user.docs[0]).not.toHaveProperty('lockUntil') // Payload's lockout is off: there is nothing to lock
  })

  it('answers forgot-password the same for known and unknown e-mails, and throttles it', async () => {
    const a = freshAddress()
    const knownReply = await anon.request('POST', '/api/users/forgot-password', { email: 'bob@jobline.local' }, { 'x-forwarded-for': a })
    const unknownReply = await anon.request('POST', '/api/users/forgot-password', { email: 'nobody@jobline.local' }, { 'x-forwarded-for': a })
    expect(knownReply).toEqual(unknownReply)
    expect(knownReply.status).toBe(200)
    for (let i = 0; i < 2; i++) await anon.request('POST', '/api/users/forgot-password', { email: 'bob@jobline.local' }, { 'x-forwarded-for': a })
    const throttled = await anon.request('POST', '/api/users/forgot-password', { email: 'bob@jobline.local' }, { 'x-forwarded-for': a })
    expect(throttled.status).toBe(429)
  })
})

describe('throttling', () => {
  it('answers 429 with Retry-After within the window, over REST and GraphQL', async () => {
    const a = freshAddress()
    for (let i = 0; i < 3; i++) await login('quinn@jobline.local', 'nope', a)
    const res = await fetch(`${app.baseUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': a },
      body: JSON.stringify({ email: 'quinn@jobline.local', password: 'nope' }),
    })
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(600)
    expect((await res.json()).errors[0].message).toMatch(/^Too many attempts: try again in \d+ seconds\.$/)

    const gql = await gqlLogin('quinn@jobline.local', 'nope', a)
    expect(gql.body.errors[0].extensions.statusCode).toBe(429)
    expect(gql.body.data?.loginUser ?? null).toBeNull()
  })

  it('throttles one address trying many accounts', async () => {
    const a = freshAddress()
    const statuses: number[] = []
    for (let i = 0; i < 9; i++) statuses.push((await login(`someone-${i}@example.com`, 'x', a)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429])
  })

  it('throttles an account guessed at from many addresses (ten times the per-address limit), wherever its owner is', async () => {
    for (let n = 0; n < 10; n++) {
      const a = freshAddress()
      for (let i = 0; i < 3; i++) expect((await login('riley@jobline.local', 'nope', a)).status).toBe(401)
    }
    expect((await login('riley@jobline.local', DEV_PASSWORD, freshAddress())).status).toBe(429)
    const rows = await throttleRows()
    expect(rows.find((r) => r.key === 'login:account:riley@jobline.local')?.attempts).toBe(31)
  })

  it('counts only failed sign-ins', async () => {
    const a = freshAddress()
    for (let i = 0; i < 6; i++) expect((await login('ops@jobline.local', DEV_PASSWORD, a)).status).toBe(200)
    const rows = await throttleRows()
    expect(rows.find((r) => r.key === `login:address:${a}`)?.attempts).toBe(0)
  })

  it('throttles sign-ups per address and per e-mail', async () => {
    const a = freshAddress()
    const signUp = (email: string) =>
      anon.request('POST', '/api/users', { email, password: 'long-enough-pw', name: 'New', timeZone: 'UTC' }, { 'x-forwarded-for': a })
    expect((await signUp('first@example.com')).status).toBe(201)
    expect((await signUp('first@example.com')).status).toBe(400) // taken
    expect((await signUp('first@example.com')).status).toBe(400)
    expect((await signUp('first@example.com')).status).toBe(429)
    const before = await app.payload.count({ collection: 'users', overrideAccess: true })
    for (let i = 0; i < 5; i++) await signUp(`many-${i}@example.com`)
    const after = await app.payload.count({ collection: 'users', overrideAccess: true })
    expect(after.totalDocs - before.totalDocs).toBe(4) // 8 attempts from the address in all, then 429
  })

  it('ignores a forged X-Forwarded-For entry left of the trusted proxy', async () => {
    const real = freshAddress()
    for (let i = 0; i < 3; i++) await login('pat@jobline.local', 'nope', `1.2.3.${i}, ${real}`)
    expect((await login('pat@jobline.local', DEV_PASSWORD, `9.9.9.9, ${real}`)).status).toBe(429)
  })
})

describe('sessions on several devices', () => {
  const me = async (token: string) => (await new ApiClient(app.baseUrl, token).get('/api/users/me')).body?.user?.email
  const signIn = async (address: string) => {
    const res = await login('bob@jobline.local', DEV_PASSWORD, address)
    expect(res.status).toBe(200)
    return res.body.token as string
  }

  it('six sign-ins of one person at the same moment each stay signed in (Payload alone kept one of them)', async () => {
    const tokens = await Promise.all(Array.from({ length: 6 }, () => signIn(freshAddress())))
    expect(await Promise.all(tokens.map(me))).toEqual(tokens.map(() => 'bob@jobline.local'))
  })

  it('signing out on one device while signing in on others ends only that session', async () => {
    const [leaving, staying] = await Promise.all([signIn(freshAddress()), signIn(freshAddress())])
    const [out, ...joined] = await Promise.all([
      new ApiClient(app.baseUrl, leaving).post('/api/users/logout'),
      signIn(freshAddress()),
      signIn(freshAddress()),
    ])
    expect(out.status).toBe(200)
    expect(await me(leaving)).toBeUndefined()
    expect(await Promise.all([staying, ...joined].map(me))).toEqual(['bob@jobline.local', 'bob@jobline.local', 'bob@jobline.local'])
  })
})
