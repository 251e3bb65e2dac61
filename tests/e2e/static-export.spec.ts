import { expect, request as playwrightRequest, test } from '@playwright/test'
import type { Server } from 'node:http'

import { formatWindowInZone } from '../../src/domain/zonedTime'
import { ensureStaticExport, OUT, serveStatic } from './staticSite'
import { apiAs, minutesAfter, secondsFromNow, screenshot, signIn, untilStarted } from './support'

/**
 * The static export on a host of its own: out/ served by a plain file server on another port, talking to the app
 * (its API and session cookie) across origins through SITE_ORIGINS (playwright.config.ts). Alice signs in there, opens
 * a job, confirms the provider's proposed window, and verifies the work once it is done.
 *
 * The job is made for this test through the API (Quinn quotes, Alice accepts, Quinn proposes a window starting 30 s
 * ahead: the run has no minimum notice), so the test does not depend on what other specs did to the seed; Quinn can
 * mark it complete only once the visit has started, hence the wait of a few seconds after Alice confirmed.
 */
const API_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`
const SITE_ORIGIN = `http://localhost:${process.env.E2E_STATIC_PORT}`
const TZ = 'America/New_York'

test.use({ baseURL: SITE_ORIGIN })
test.setTimeout(4 * 60_000)

let site: Server
test.beforeAll(async () => {
  test.setTimeout(10 * 60_000)
  ensureStaticExport(API_ORIGIN)
  site = await serveStatic(OUT, Number(process.env.E2E_STATIC_PORT))
})
test.afterAll(() => new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve())))

test('the exported site on another origin: sign in → job → confirm the proposed window → verify', async ({ page }) => {
  const requests = await playwrightRequest.newContext({ baseURL: API_ORIGIN })
  const alice = await apiAs(requests, 'alice@jobline.local')
  const quinn = await apiAs(requests, 'quinn@jobline.local')
  const title = `Static export: hang a mirror ${Date.now()}`
  const job = (await alice.post('/api/jobs', { title, serviceAddress: { line1: '9 Static Street', city: 'Boston', country: 'US' }, timeZone: TZ })).body.doc
  const quote = (await quinn.post('/api/quotes', { job: job.id, amount: 9_000, currency: 'USD', message: 'Today if you like' })).body.doc
  const accepted = await alice.post(`/api/quotes/${quote.id}/accept`, { version: quote.version })
  expect(accepted.status).toBe(200)
  const assignmentId: number = accepted.body.assignment.id
  // Alice confirms it in the browser first: sign-in and two page loads take a few seconds, 30 even on a busy machine
  const startAt = secondsFromNow(30)
  const window = { start: startAt, end: minutesAfter(startAt, 30) }
  const proposed = await quinn.post(`/api/jobs/${job.id}/schedule`, {
    windows: [{ start: window.start.toISOString(), end: window.end.toISOString() }],
    version: accepted.body.assignment.version,
  })
  expect(proposed.status).toBe(201)

  // every request of the page goes either to the static host or to the API's origin, never elsewhere
  const origins = new Set<string>()
  page.on('request', (r) => origins.add(new URL(r.url()).origin))

  // 1. sign in on the static host: the API's answer sets its cookie, which the site's later calls carry
  await signIn(page, 'alice@jobline.local')
  await expect(page.getByRole('banner')).toContainText('Alice')

  // 2. the job, by the link the list builds: the view?id= page, the only detail page the export has
  await page.getByRole('link', { name: title }).click()
  await expect(page).toHaveURL(new RegExp(`^${SITE_ORIGIN}/jobs/view/?\\?id=${job.id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Waiting for a visit time')

  // 3. confirm Quinn's window
  const theirs = page.getByTestId('their-proposal')
  await theirs.getByRole('button', { name: `Confirm ${formatWindowInZone(window, TZ)}` }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Visit booked' })).toBeVisible()
  await expect(page.getByTestId('visit-time')).toHaveText(formatWindowInZone(window, TZ))
  // the .ics link points at the API, not at the static host
  await expect(page.getByRole('link', { name: /Download \.ics/ })).toHaveAttribute('href', `${API_ORIGIN}/api/assignments/${assignmentId}/calendar.ics`)
  await screenshot(page, 'static-visit-booked')

  // 4. once the visit has started Quinn marks it complete (through the API); Alice verifies on the static site
  await untilStarted(window.start)
  const booked = (await quinn.get(`/api/assignments/${assignmentId}?depth=0`)).body
  const completed = await quinn.post(`/api/assignments/${assignmentId}/complete`, { checklist: { items: ['Mirror hung and level'] }, version: booked.version })
  expect(completed.status).toBe(200)
  await page.reload()
  await expect(page.getByRole('region', { name: 'Completion checklist' })).toContainText('Mirror hung and level')
  await page.getByRole('button', { name: 'Verify: the work is done' }).click()
  await page.getByRole('button', { name: /^Yes, verify and pay \$/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Verified')
  expect((await alice.get(`/api/assignments/${assignmentId}?depth=0`)).body.status).toBe('verified')
  await screenshot(page, 'static-verified')

  expect([...origins].sort()).toEqual([API_ORIGIN, SITE_ORIGIN].sort())
  await requests.dispose()
})
