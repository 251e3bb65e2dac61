import { expect, test } from '@playwright/test'

import { addDays, formatInZone, formatWindowInZone, localDate, localParts, zonedTimeToUtc } from '../../src/domain/zonedTime'
import { apiAs, screenshot, signIn } from './support'

const TZ = 'America/New_York'

/** The local date `weeks` weeks ahead that falls on `weekday` (0 = Sunday): far from the seeded visits. */
function dateAhead(weekday: number, weeks = 2): string {
  const today = localDate(new Date(), TZ)
  const todayWeekday = localParts(new Date(), TZ).weekday
  return addDays(today, 7 * weeks + ((weekday - todayWeekday + 7) % 7))
}
const at = (date: string, from: string, to: string) => ({ start: zonedTimeToUtc(date, from, TZ), end: zonedTimeToUtc(date, to, TZ) })

/** A job of Alice's that Pat quoted and Alice accepted: an assignment waiting for a time, made through the API. */
async function assignedJob(request: Parameters<typeof apiAs>[0], title: string) {
  const alice = await apiAs(request, 'alice@jobline.local')
  const pat = await apiAs(request, 'pat@jobline.local')
  const job = await alice.post('/api/jobs', { title, serviceAddress: { line1: '9 Elm St', city: 'Boston', country: 'US' }, timeZone: TZ })
  expect(job.status).toBe(201)
  const quote = await pat.post('/api/quotes', { job: job.body.doc.id, amount: 9_500, currency: 'USD', message: 'Can do.' })
  expect(quote.status).toBe(201)
  const accepted = await alice.post(`/api/quotes/${quote.body.doc.id}/accept`, { version: quote.body.doc.version })
  expect(accepted.status).toBe(200)
  return { alice, pat, jobId: job.body.doc.id as number, assignmentId: accepted.body.assignment.id as number }
}

test('a provider sets working hours, proposes, confirms the customer’s time, completes with a checklist, and gives a job back', async ({ page, request }) => {
  const shelves = await assignedJob(request, 'Hang kitchen shelves')
  const drywall = await assignedJob(request, 'Patch drywall')

  await signIn(page, 'pat@jobline.local')
  await expect(page.getByRole('heading', { name: 'My assignments' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Hang kitchen shelves' })).toBeVisible()

  // working hours: a bad block is reported next to its field; Monday–Friday 9–5 saves
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Working hours' }).click()
  await expect(page.getByRole('heading', { name: 'Working hours and days off' })).toBeVisible()
  await page.getByRole('button', { name: 'Use Monday–Friday, 9:00–17:00' }).click()
  await page.getByLabel('To (block 1)').fill('08:00')
  await page.getByRole('button', { name: 'Save working hours' }).click()
  await expect(page.getByLabel('To (block 1)')).toHaveAccessibleDescription('End must be after start.')
  await page.getByLabel('To (block 1)').fill('17:00')
  await page.getByRole('button', { name: 'Add a day off' }).click()
  await page.getByLabel('Day off 1').fill(dateAhead(3, 3))
  await page.getByRole('button', { name: 'Save working hours' }).click()
  await expect(page.getByText('Saved.')).toBeVisible()
  const me = (await shelves.pat.get(`/api/users/${shelves.pat.user.id}`)).body
  expect(me.availability.weeklyHours).toHaveLength(5)
  expect(me.availability.blackoutDates[0].date).toBe(dateAhead(3, 3))
  await screenshot(page, 'provider-working-hours')

  // propose a Saturday: outside the hours just set, reported as a conflict; a Monday morning fits
  await page.goto(`/assignments/${shelves.assignmentId}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hang kitchen shelves')
  const saturday = dateAhead(6)
  await page.getByLabel('Start (window 1)').fill(`${saturday}T10:00`)
  await page.getByLabel('End (window 1)').fill(`${saturday}T12:00`)
  await page.getByRole('button', { name: 'Send proposed times' }).click()
  await expect(page.getByTestId('conflicts')).toContainText('Outside your working hours')
  const monday = dateAhead(1)
  await page.getByLabel('Start (window 1)').fill(`${monday}T10:00`)
  await page.getByLabel('End (window 1)').fill(`${monday}T12:00`)
  await page.getByRole('button', { name: 'Send proposed times' }).click()
  await expect(page.getByTestId('conflicts')).toContainText('no conflicts')
  await expect(page.getByTestId('my-proposal')).toContainText(formatWindowInZone(at(monday, '10:00', '12:00'), TZ))

  // the customer answers with a time of her own; the provider confirms it
  const tuesday = dateAhead(2)
  const hers = at(tuesday, '13:00', '15:00')
  const current = (await shelves.alice.get(`/api/assignments/${shelves.assignmentId}?depth=0`)).body
  const proposed = await shelves.alice.post(`/api/jobs/${shelves.jobId}/schedule`, {
    windows: [{ start: hers.start.toISOString(), end: hers.end.toISOString() }],
    version: current.version,
  })
  expect(proposed.status).toBe(201)
  await page.reload()
  await page.getByTestId('their-proposal').getByRole('button', { name: `Confirm ${formatWindowInZone(hers, TZ)}` }).click()
  await expect(page.getByTestId('visit-time')).toHaveText(formatWindowInZone(hers, TZ))
  await expect(page.getByTestId('visit-time')).toHaveText(/ E[SD]T$/)
  // the visit is two weeks away: it cannot be marked complete before it starts, and the page says from when
  await expect(page.getByTestId('complete-opens')).toContainText(`from ${formatInZone(hers.start, TZ)}`)
  await expect(page.getByRole('button', { name: 'Mark complete' })).toHaveCount(0)

  // the seeded visit of this afternoon: mark it complete with a checklist; an empty one is refused next to its first item
  await page.goto('/assignments')
  await page.getByRole('link', { name: 'Replace bathroom fan' }).click()
  await page.getByRole('button', { name: 'Mark complete' }).click()
  await expect(page.getByLabel('Item 1')).toHaveAccessibleDescription('List at least one thing you did.')
  await page.getByLabel('Item 1').fill('Old fan removed, duct cleaned')
  await page.getByRole('button', { name: 'Add item' }).click()
  await page.getByLabel('Item 2').fill('New fan wired and tested')
  await page.getByLabel('Note for the customer (optional)').fill('Run it 20 minutes after a shower.')
  await page.getByRole('button', { name: 'Mark complete' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Completed')
  const checklist = page.getByRole('region', { name: 'Completion checklist' })
  await expect(checklist).toContainText('Old fan removed, duct cleaned')
  await expect(checklist).toContainText('New fan wired and tested')
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Assignment marked complete')
  await screenshot(page, 'provider-completed')

  // give the other job back: a reason is required, and then shown
  await page.goto(`/assignments/view?id=${drywall.assignmentId}`)
  await page.getByRole('button', { name: 'Give the job back…' }).click()
  await page.getByRole('button', { name: 'Give the job back', exact: true }).click()
  await expect(page.getByLabel('Reason')).toHaveAccessibleDescription('Give the customer a reason.')
  await page.getByLabel('Reason').fill('Drywall supplier is out of stock for weeks.')
  await page.getByRole('button', { name: 'Give the job back', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Given back by the provider')
  await expect(page.getByText('Drywall supplier is out of stock for weeks.')).toBeVisible()
})
