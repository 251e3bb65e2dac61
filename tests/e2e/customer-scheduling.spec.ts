import { expect, test } from '@playwright/test'

import { formatWindowInZone } from '../../src/domain/zonedTime'
import { apiAs, localInput, minutesAfter, screenshot, signIn } from './support'

const HOUR = 60

/**
 * The customer's scheduling UI on its own: Alice opens "Repair garden fence" (assigned to Pat, waiting for a time,
 * with Pat's open proposal), proposes times, gets a field error and a conflict, fixes them, then confirms Pat's
 * window, after Pat changed his proposal under her (a 409 that reloads). The visit shows in the job's zone.
 */
test('customer proposes windows, sees a conflict, fixes it and confirms the provider window', async ({ page, request }) => {
  const alice = await apiAs(request, 'alice@jobline.local')
  const { body: jobs } = await alice.get(`/api/jobs?where[title][equals]=${encodeURIComponent('Repair garden fence')}`)
  const job = jobs.docs[0]
  const tz: string = job.timeZone
  const preferred = { start: new Date(job.preferredWindows[0].start), end: new Date(job.preferredWindows[0].end) }

  await signIn(page, 'alice@jobline.local')
  await page.getByRole('link', { name: 'Repair garden fence' }).click()
  await expect(page).toHaveURL(new RegExp(`/jobs/view\\?id=${job.id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Repair garden fence')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Waiting for a visit time')

  // Pat's open proposal, each time with its zone abbreviation, and the customer's own preferred time
  const theirs = page.getByTestId('their-proposal')
  await expect(theirs).toContainText('Either afternoon works for me.')
  await expect(theirs.getByRole('button', { name: /^Confirm / })).toHaveCount(2)
  await expect(theirs).toContainText(/ E[SD]T/)
  await expect(page.getByText(formatWindowInZone(preferred, tz))).toBeVisible()

  // 1. in the past: the API's 400 appears under the start field that caused it
  const start1 = page.getByLabel('Start (window 1)')
  await start1.fill(localInput(minutesAfter(new Date(), -90), tz))
  await expect(page.getByLabel('End (window 1)')).not.toHaveValue('') // offered: start + 2 h
  await page.getByRole('button', { name: 'Send proposed times' }).click()
  await expect(start1).toHaveAttribute('aria-invalid', 'true')
  await expect(start1).toHaveAccessibleDescription(/Start is in the past/)

  // 2. fixed, plus a second window: window 1 lies outside Alice's preferred time (a conflict, not a refusal)
  const outside = { start: minutesAfter(preferred.end, 24 * HOUR), end: minutesAfter(preferred.end, 26 * HOUR) }
  const inside = { start: minutesAfter(preferred.start, 30), end: minutesAfter(preferred.start, 30 + 2 * HOUR) }
  await start1.fill(localInput(outside.start, tz))
  await page.getByLabel('End (window 1)').fill(localInput(outside.end, tz))
  await page.getByRole('button', { name: 'Add another window' }).click()
  await page.getByLabel('Start (window 2)').fill(localInput(inside.start, tz))
  await page.getByLabel('End (window 2)').fill(localInput(inside.end, tz))
  await page.getByRole('button', { name: 'Send proposed times' }).click()
  const conflicts = page.getByTestId('conflicts')
  await expect(conflicts).toContainText('Outside your preferred times')
  await expect(conflicts.locator('li').filter({ hasText: 'Window 2' })).toContainText('no conflicts')
  await expect(page.getByTestId('my-proposal')).toContainText(formatWindowInZone(outside, tz))
  await screenshot(page, 'customer-conflict')

  // 3. the conflict fixed: only the window inside the preferred time; it replaces the earlier proposal
  await page.getByLabel('Start (window 1)').fill(localInput(inside.start, tz))
  await page.getByLabel('End (window 1)').fill(localInput(inside.end, tz))
  await page.getByRole('button', { name: 'Send proposed times' }).click()
  await expect(conflicts).not.toContainText('Outside your preferred times')
  await expect(conflicts).toContainText('no conflicts')
  await expect(page.getByTestId('my-proposal')).toHaveCount(1)
  await expect(page.getByTestId('my-proposal')).not.toContainText(formatWindowInZone(outside, tz))

  // 4. Pat replaces his proposal while Alice looks at the old one: her confirm is a 409, the page reloads and says so
  const pat = await apiAs(request, 'pat@jobline.local')
  const patWindow = { start: minutesAfter(preferred.start, HOUR), end: minutesAfter(preferred.start, 3 * HOUR) }
  const current = (await pat.get(`/api/assignments?where[job][equals]=${job.id}&depth=0`)).body.docs[0]
  const replaced = await pat.post(`/api/jobs/${job.id}/schedule`, {
    windows: [{ start: patWindow.start.toISOString(), end: patWindow.end.toISOString() }],
    note: 'Sorry, only this slot now.',
    version: current.version,
  })
  expect(replaced.status).toBe(201)
  await theirs.getByRole('button', { name: /^Confirm / }).first().click()
  await expect(page.getByText(/changed this while you were looking/)).toBeVisible()
  await expect(theirs).toContainText('Sorry, only this slot now.')

  // 5. confirm Pat's current window
  await theirs.getByRole('button', { name: `Confirm ${formatWindowInZone(patWindow, tz)}` }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Visit booked' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Visit booked')
  const visit = page.getByTestId('visit-time')
  await expect(visit).toHaveText(formatWindowInZone(patWindow, tz))
  await expect(visit).toHaveText(/ E[SD]T$/)
  await expect(page.getByText(`Times are in the job's time zone, ${tz}.`)).toBeVisible()

  // Add to calendar: the .ics from the API (with the session cookie) and a Google Calendar link
  const google = page.getByRole('link', { name: 'Google Calendar' })
  await expect(google).toHaveAttribute('href', /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: /Download \.ics/ }).click()
  const ics = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  })
  expect(ics).toContain('BEGIN:VCALENDAR')
  expect(ics).toContain(`UID:assignment-`)

  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Assignment visit booked')
  await screenshot(page, 'customer-visit-booked')

  // the same page answers on the path form too
  await page.goto(`/jobs/${job.id}`)
  await expect(page.getByTestId('visit-time')).toHaveText(formatWindowInZone(patWindow, tz))
})
