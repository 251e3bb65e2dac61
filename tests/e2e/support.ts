/** Shared steps of the browser tests: sign in through the UI, talk to the API as a user, name screenshots. */
import { expect, type APIRequestContext, type Page } from '@playwright/test'

import { localParts } from '../../src/domain/zonedTime'
import { DEV_PASSWORD } from '../../src/seed'

export const SCREENS = 'test-results/e2e/screens'
export const screenshot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true })

/** Signs in on the site's /login page and waits for the role's home page. */
export async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // generous: in `next dev` the first visit of a route compiles it; the static export's URLs end in a slash
  await expect(page).toHaveURL(/\/(jobs|assignments)\/?$/, { timeout: 90_000 })
}

export async function signInToAdmin(page: Page, email: string) {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
}

/** The REST API as one user (JWT header, as an integrator would): for arranging data and checking results. */
export async function apiAs(request: APIRequestContext, email: string) {
  const login = await request.post('/api/users/login', { data: { email, password: DEV_PASSWORD } })
  expect(login.status()).toBe(200)
  const { token, user } = (await login.json()) as { token: string; user: { id: number } }
  const headers = { authorization: `JWT ${token}` }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data, checked by the assertions
  const read = async (res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<{ status: number; body: any }> => ({
    status: res.status(),
    body: await res.json().catch(() => undefined),
  })
  return {
    user,
    get: async (path: string) => read(await request.get(path, { headers })),
    post: async (path: string, data: unknown = {}) => read(await request.post(path, { headers, data })),
    patch: async (path: string, data: unknown = {}) => read(await request.patch(path, { headers, data })),
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The `datetime-local` value a person in `timeZone` types for `date`. */
export function localInput(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

const MINUTE = 60_000
/** `date` moved on by `minutes` and rounded up to a whole minute (inputs have minute precision). */
export const minutesAfter = (date: Date | string, minutes: number) =>
  new Date(Math.ceil(new Date(date).getTime() / MINUTE) * MINUTE + minutes * MINUTE)

/**
 * The run's shortest reminder lead (REMINDER_LEAD_MINUTES=1440,15s, playwright.config.ts): a visit booked more than
 * this ahead gets a reminder this long before it starts.
 */
export const SHORT_LEAD_MS = 15_000

/** A whole second `seconds` from now: a visit start the API takes (the run has no minimum notice). */
export const secondsFromNow = (seconds: number) => new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000)

/** Resolves once `start` has passed on this machine's clock, which the app server shares: the visit has started. */
export async function untilStarted(start: Date) {
  await expect.poll(() => Date.now(), { timeout: 2 * MINUTE + Math.max(0, start.getTime() - Date.now()), intervals: [500] }).toBeGreaterThan(start.getTime())
}

/** What the app asked of the local Stripe fake so far (it runs in the web server's process: scripts/e2e-server.ts). */
export async function stripeFakeState(request: APIRequestContext): Promise<{
  requests: { method: string; path: string; status: number }[]
  intents: { id: string; status: string; metadata: Record<string, string> }[]
}> {
  const port = process.env.E2E_STRIPE_FAKE_PORT
  if (!port) throw new Error('E2E_STRIPE_FAKE_PORT is not set: the browser tests run without the Stripe fake.')
  const res = await request.get(`http://127.0.0.1:${port}/_fake/state`)
  expect(res.status()).toBe(200)
  return res.json()
}

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string; headers: Record<string, string> }

/** What the test mailbox (the SMTP server in the web server's process: scripts/lib/e2eMail.ts) has received so far. */
export async function inbox(request: APIRequestContext): Promise<ReceivedMail[]> {
  const port = process.env.E2E_MAIL_PORT
  if (!port) throw new Error('E2E_MAIL_PORT is not set: the browser tests run without the test mailbox.')
  const res = await request.get(`http://127.0.0.1:${port}/_mail/messages`)
  expect(res.status()).toBe(200)
  return res.json()
}

/** Waits until the mailbox holds a message to `email` matching `match`, and answers the first such. */
export async function mailTo(request: APIRequestContext, email: string, match: (m: ReceivedMail) => boolean, timeout = 6 * 60_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined
  await expect
    .poll(async () => (found = (await inbox(request)).find((m) => m.to.includes(email) && match(m))) !== undefined, { timeout, intervals: [2_000] })
    .toBe(true)
  return found!
}

/** The password and zone of the people a spec signs up for itself (`newPerson`): records no other spec touches. */
export const PERSON_PASSWORD = 'a-long-test-password-1'
export const PERSON_ZONE = 'America/New_York'

/** A customer or provider of a test's own (in New York, with a phone), signed up through the API as a person would through the site. */
export async function newPerson(request: APIRequestContext, name: string, role: 'customer' | 'provider' = 'customer') {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.test`
  const created = await request.post('/api/users', { data: { email, password: PERSON_PASSWORD, name, role, timeZone: PERSON_ZONE, phone: '+12125550123' } })
  expect(created.status()).toBe(201)
  const login = await request.post('/api/users/login', { data: { email, password: PERSON_PASSWORD } })
  const { token } = (await login.json()) as { token: string }
  const headers = { authorization: `JWT ${token}` }
  return {
    email,
    post: async (path: string, data: unknown = {}) => {
      const res = await request.post(path, { headers, data })
      return { status: res.status(), body: await res.json() }
    },
  }
}

export type Person = Awaited<ReturnType<typeof newPerson>>

/** A job of `customer`'s with a quote from `provider`, accepted; answers the assignment. */
export async function acceptedJob(customer: Person, provider: Person, title: string, amount: number) {
  const job = (await customer.post('/api/jobs', { title, serviceAddress: { line1: '12 Orchard Street', city: 'New York', postalCode: '10002', country: 'US' }, timeZone: PERSON_ZONE })).body.doc
  const quote = (await provider.post('/api/quotes', { job: job.id, amount, currency: 'USD', message: 'Can do it today' })).body.doc
  const accepted = await customer.post(`/api/quotes/${quote.id}/accept`, { version: quote.version })
  expect(accepted.status).toBe(200)
  return { job, assignment: accepted.body.assignment as { id: number; version: number } }
}

/** Books the visit: the provider proposes one window starting at `start`, the customer confirms it. */
export async function book(customer: Person, provider: Person, jobId: number, assignment: { id: number; version: number }, start: Date) {
  const proposed = await provider.post(`/api/jobs/${jobId}/schedule`, {
    windows: [{ start: start.toISOString(), end: new Date(start.getTime() + 60 * 60_000).toISOString() }],
    version: assignment.version,
  })
  expect(proposed.status).toBe(201)
  const confirmed = await customer.post(`/api/assignments/${assignment.id}/schedule/confirm`, { proposalId: proposed.body.proposal.id, windowIndex: 0, version: proposed.body.assignment.version })
  expect(confirmed.status).toBe(200)
  return confirmed.body.assignment ?? confirmed.body.doc
}
