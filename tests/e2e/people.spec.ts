import { expect, test, type Browser, type Page } from '@playwright/test'

import { acceptedJob, apiAs, book, newPerson, PERSON_PASSWORD as PASSWORD, PERSON_ZONE, secondsFromNow, screenshot, signIn, untilStarted } from './support'

/**
 * The two people the site is for, on an ordinary phone (390 × 844, touch), walking what they do most:
 * - a provider's visit day: the visit first on /assignments, the next tap first on its page (On my way → Arrived →
 *   Mark complete), the customer's name, phone and directions; the customer sees "On the way, about N min" at the top;
 * - a customer answering quotes (decline one, accept another after the confirmation of amount and card hold), then
 *   verifying finished work, and reporting a problem on a second job — each answer saying what happens next.
 *
 * Every record is made here through the API by a customer and a provider who sign up for this test, so the walks
 * share nothing with other specs (a seeded provider's visit booked by another spec would clash with theirs); visits
 * start seconds ahead (this run has no minimum notice).
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

test.setTimeout(4 * 60_000)

async function phonePage(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext(PHONE)).newPage()
  if (password) {
    await page.goto('/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/\/(jobs|assignments)\/?$/, { timeout: 90_000 })
  } else await signIn(page, email)
  return page
}

/** Whether the element's bottom edge is inside the first screen of a 844 px high phone. */
const aboveTheFold = async (page: Page, testId: string) => ((await page.getByTestId(testId).boundingBox())?.y ?? Infinity) + 40 < PHONE.viewport.height

test("a provider's visit day on a phone: On my way → Arrived → complete, and the customer sees it at the top", async ({ browser, request }) => {
  const sam = await newPerson(request, 'Sam Sparks', 'provider')
  const dana = await newPerson(request, 'Dana Field')
  const title = `Phone visit day: rewire the porch light ${Date.now()}`
  const { job, assignment } = await acceptedJob(dana, sam, title, 14_000)
  const start = secondsFromNow(30)
  await book(dana, sam, job.id, assignment, start)

  // 1. /assignments: today's visit is marked and first, needing Sam
  const page = await phonePage(browser, sam.email, PASSWORD)
  await page.goto('/assignments')
  const row = page.getByTestId('assignment-row').filter({ hasText: title })
  await expect(row).toContainText('Visit today')
  await expect(page.getByTestId('assignment-row').first()).toContainText('Visit today')
  await screenshot(page, 'phone-provider-today')

  // 2. the visit's page: the next tap first, then who and where (name, call, directions)
  await row.getByRole('link', { name: title }).click()
  await expect(page.locator('main button').first()).toHaveText('On my way')
  const today = page.getByRole('region', { name: "Today's visit" })
  await expect(today).toContainText('Dana Field')
  await expect(today.getByRole('link', { name: /^Call / })).toHaveAttribute('href', 'tel:+12125550123')
  await expect(today.getByRole('link', { name: /directions/ })).toHaveAttribute('href', /^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=12%20Orchard%20Street/)
  await today.getByLabel('Minutes to arrival (optional)').fill('20')
  await today.getByRole('button', { name: 'On my way' }).click()
  await expect(today.getByTestId('customer-told')).toContainText('Dana Field was told at')
  // the next tap is now Arrived
  await expect(today.getByRole('button', { name: 'Arrived' })).toHaveClass(/primary/)
  await screenshot(page, 'phone-provider-on-my-way')

  // 3. Dana's page, on her phone: "On the way, about 20 min" at the top, without scrolling
  const customer = await phonePage(browser, dana.email, PASSWORD)
  await customer.goto(`/jobs/view?id=${job.id}`)
  await expect(customer.getByTestId('visit-day')).toContainText(/On the way, about (19|20) min/)
  expect(await aboveTheFold(customer, 'visit-day')).toBe(true)
  await screenshot(customer, 'phone-customer-on-the-way')

  // 4. Arrived; once the visit has started, Mark complete with a checklist
  await today.getByRole('button', { name: 'Arrived' }).click()
  await expect(today.getByTestId('visit-day')).toContainText('Arrived at')
  await untilStarted(start)
  await page.reload()
  await page.getByLabel('Item 1').fill('New porch light fitted and tested')
  await page.getByRole('button', { name: 'Mark complete' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Completed')
  await customer.reload()
  await expect(customer.getByRole('region', { name: 'Is the work done?' })).toBeVisible()
})

test('a customer on a phone declines a quote, accepts another after its confirmation, verifies; and reports a problem on a second job', async ({ browser, request }) => {
  const pat = await apiAs(request, 'pat@jobline.local')
  const jo = await newPerson(request, 'Jo Fixit', 'provider')
  const erin = await newPerson(request, 'Erin Brooks')
  const title = `Phone quotes: replace the bathroom fan ${Date.now()}`
  const job = (await erin.post('/api/jobs', { title, serviceAddress: { line1: '4 Elm Road', city: 'New York', country: 'US' }, timeZone: PERSON_ZONE })).body.doc
  expect((await pat.post('/api/quotes', { job: job.id, amount: 21_000, currency: 'USD', message: 'Next week' })).status).toBe(201)
  expect((await jo.post('/api/quotes', { job: job.id, amount: 16_500, currency: 'USD', message: 'Tomorrow morning' })).status).toBe(201)
  // the second job, already finished by Jo, for the problem report
  const second = await acceptedJob(erin, jo, `Phone quotes: fix the doorbell ${Date.now()}`, 8_000)
  const secondStart = secondsFromNow(5)
  const booked = await book(erin, jo, second.job.id, second.assignment, secondStart)

  // 1. the list says what needs her
  const page = await phonePage(browser, erin.email, PASSWORD)
  const row = page.getByTestId('job-row').filter({ hasText: title })
  await expect(row).toContainText('2 quotes to review')

  // 2. decline Pat's, with a reason: Pat's quote shows declined, Jo's still answerable
  await row.getByRole('link', { name: title }).click()
  const quotes = page.getByRole('region', { name: 'Quotes' })
  await quotes.getByRole('button', { name: 'Decline… the $210.00 quote from Pat Plumber' }).click()
  await expect(quotes.getByTestId(/^decline-\d+-confirm$/)).toContainText('Pat Plumber is told you declined')
  await quotes.getByLabel('Reason for Pat Plumber (optional)').fill('Too late for us, sorry.')
  await quotes.getByRole('button', { name: 'Decline the quote' }).click()
  await expect(quotes.getByTestId('quote').filter({ hasText: 'Pat Plumber' })).toContainText('Declined')

  // 3. accept Jo's: the first tap says the amount and the card hold, the second commits
  await quotes.getByRole('button', { name: 'Accept $165.00 from Jo Fixit' }).click()
  const confirm = quotes.getByTestId(/^accept-\d+-confirm$/)
  await expect(confirm).toContainText("Accept Jo Fixit's quote of $165.00?")
  await expect(confirm).toContainText('$165.00 is held on it now')
  await screenshot(page, 'phone-customer-accept-confirm')
  await confirm.getByRole('button', { name: 'Yes, accept $165.00' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Waiting for a visit time')

  // 4. the doorbell job: Jo marks it complete; Erin verifies, after its confirmation, and is told what follows
  await untilStarted(secondStart)
  expect((await jo.post(`/api/assignments/${second.assignment.id}/complete`, { checklist: { items: ['Doorbell rewired'] }, version: booked.version })).status).toBe(200)
  await page.goto(`/jobs/view?id=${second.job.id}`)
  const verify = page.getByRole('region', { name: 'Is the work done?' })
  await expect(verify).toContainText('$80.00')
  await screenshot(page, 'phone-customer-verify')
  await verify.getByRole('button', { name: 'Report a problem' }).click()
  await verify.getByRole('button', { name: 'Send problem report' }).click()
  await expect(verify.getByLabel('What is wrong?')).toHaveAccessibleDescription('Say what is wrong, so the provider and Ops can put it right.')
  await verify.getByLabel('What is wrong?').fill('The doorbell rings only now and then.')
  await verify.getByRole('button', { name: 'Send problem report' }).click()
  await expect(page.getByTestId('outcome')).toContainText('We have your problem report')
  await expect(page.getByTestId('outcome')).toContainText('You are not charged until then')
  await screenshot(page, 'phone-customer-disputed')

  // 5. a third job, verified: the page says it is done and what was charged
  const third = await acceptedJob(erin, jo, `Phone quotes: hang a lamp ${Date.now()}`, 6_000)
  const thirdStart = secondsFromNow(3)
  const thirdBooked = await book(erin, jo, third.job.id, third.assignment, thirdStart)
  await untilStarted(thirdStart)
  expect((await jo.post(`/api/assignments/${third.assignment.id}/complete`, { checklist: { items: ['Lamp hung'] }, version: thirdBooked.version })).status).toBe(200)
  await page.goto(`/jobs/view?id=${third.job.id}`)
  await page.getByRole('button', { name: 'Verify: the work is done' }).click()
  await page.getByRole('button', { name: 'Yes, verify and pay $60.00' }).click()
  await expect(page.getByTestId('outcome')).toContainText('The job is done')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Verified')
  await screenshot(page, 'phone-customer-verified')
})
