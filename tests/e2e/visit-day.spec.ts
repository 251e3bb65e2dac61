import { expect, test } from '@playwright/test'

import { apiAs, mailTo, secondsFromNow, screenshot, SHORT_LEAD_MS, signIn } from './support'

const WORKER = process.env.RUN_WORKER_IN_WEB === 'true'
test.skip(!WORKER, 'needs the reminder worker: RUN_WORKER_IN_WEB=true (see playwright.config.ts)')
test.setTimeout(3 * 60_000)

/**
 * The visit's day, with real mail (the test mailbox, scripts/lib/e2eMail.ts): Riley sees Bob's phone written the German
 * way, taps "On my way" and Bob's inbox
 * has the email; Bob's visit reminder arrives with an "I'll be there" link, which works once without signing in and
 * is refused the second time; Riley sees the confirmation in the timeline.
 *
 * The job is made for this test through the API (Bob posts it, Riley quotes, Bob accepts, Riley proposes a window
 * starting 30 s ahead and Bob confirms it), so the 15-second reminder of this run falls due about 15 s later.
 */
test('on my way reaches the customer’s inbox; the reminder’s one-tap link works once', async ({ page, browser, request }) => {
  const bob = await apiAs(request, 'bob@jobline.local')
  const riley = await apiAs(request, 'riley@jobline.local')
  const title = `Visit day: fix the gate ${Date.now()}`
  const job = (await bob.post('/api/jobs', { title, serviceAddress: { line1: '3 Gate Lane', city: 'Berlin', country: 'DE' }, timeZone: 'Europe/Berlin' })).body.doc
  const quote = (await riley.post('/api/quotes', { job: job.id, amount: 7_000, currency: 'EUR', message: 'Today' })).body.doc
  const accepted = await bob.post(`/api/quotes/${quote.id}/accept`, { version: quote.version })
  expect(accepted.status).toBe(200)
  const assignmentId: number = accepted.body.assignment.id
  const start = secondsFromNow(SHORT_LEAD_MS / 1000 + 15)
  const proposed = await riley.post(`/api/jobs/${job.id}/schedule`, {
    windows: [{ start: start.toISOString(), end: new Date(start.getTime() + 60 * 60_000).toISOString() }],
    version: accepted.body.assignment.version,
  })
  expect(proposed.status).toBe(201)
  const confirmed = await bob.post(`/api/assignments/${assignmentId}/schedule/confirm`, {
    proposalId: proposed.body.proposal.id,
    windowIndex: 0,
    version: proposed.body.assignment.version,
  })
  expect(confirmed.status).toBe(200)

  // 1. Riley, on his assignment page: Bob's phone as Riley dials it in Berlin (the link keeps E.164); On my way, 15
  // minutes out → Bob's inbox has it at once
  expect((await bob.patch(`/api/users/${bob.user.id}`, { phone: '030 1234567' })).status).toBe(200)
  await signIn(page, 'riley@jobline.local')
  await page.goto(`/assignments/view?id=${assignmentId}`)
  const today = page.getByRole('region', { name: "Today's visit" })
  await expect(today.getByRole('link', { name: 'Call 030 1234567' })).toHaveAttribute('href', 'tel:+49301234567')
  await today.getByLabel('Minutes to arrival (optional)').fill('15')
  await today.getByRole('button', { name: 'On my way' }).click()
  await expect(today.getByTestId('visit-day')).toContainText('15')
  const onTheWay = await mailTo(request, 'bob@jobline.local', (m) => m.subject.includes('is on the way') && m.subject.includes(title), 60_000)
  expect(onTheWay.text).toContain('15')
  await screenshot(page, 'provider-on-my-way')

  // 2. Bob's visit reminder arrives with his one-tap link
  const reminder = await mailTo(request, 'bob@jobline.local', (m) => m.headers['x-jobline-kind'] === 'visit_reminder' && m.subject.includes(title))
  const link = /I'll be there \(one tap, no sign-in\): (\S+)/.exec(reminder.text)?.[1]
  expect(link).toMatch(/\/tap\?t=/)
  expect(reminder.text).toContain(`/jobs/view?id=${job.id}&propose=1`)

  // 3. opened in a browser with no session: one tap confirms; the same link again is refused
  const stranger = await browser.newPage()
  await stranger.goto(link!)
  await stranger.getByRole('button', { name: "Confirm I'll be there" }).click()
  await expect(stranger.getByRole('status')).toContainText("we told the other side you'll be there")
  await screenshot(stranger, 'one-tap-confirmed')
  await stranger.goto(link!)
  await stranger.getByRole('button', { name: "Confirm I'll be there" }).click()
  await expect(stranger.getByRole('alert').filter({ hasText: 'already used' })).toBeVisible()
  await stranger.close()

  // 4. Riley is told, and the audit trail has one attend, by Bob
  await mailTo(request, 'riley@jobline.local', (m) => m.subject.includes('will be there') && m.subject.includes(title), 60_000)
  const ops = await apiAs(request, 'ops@jobline.local')
  const audit = (await ops.get(`/api/audit-events?where[entity][equals]=assignments&where[entityId][equals]=${assignmentId}&where[action][equals]=attend&depth=0`)).body
  expect(audit.docs.map((d: { actorRole: string }) => d.actorRole)).toEqual(['customer'])
  expect((await bob.patch(`/api/users/${bob.user.id}`, { phone: null })).status).toBe(200)
})
