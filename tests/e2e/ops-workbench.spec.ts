import { expect, test, type Page, type Request } from '@playwright/test'

import { apiAs, SCREENS, screenshot, signIn, signInToAdmin, stripeFakeState } from './support'

/**
 * The Ops workbench on an assignment: a customer reports a problem, Ops find it in the disputes queue, open the
 * assignment and resolve it from the buttons the lifecycle table offers — as verified (the payout appears for review)
 * or as cancelled (the card hold is released: the Stripe fake receives the cancel). A double click changes the record
 * once, and a record changed meanwhile answers 409, reloads and says so.
 */

const workbench = (page: Page) => page.getByTestId('workbench')
/** The workbench's buttons once React has taken them over: a click before that would do nothing. */
const actionsReady = (page: Page) => expect(workbench(page).getByTestId('ops-actions')).toHaveAttribute('data-ready', 'true')
const assignmentOf = async (api: Awaited<ReturnType<typeof apiAs>>, title: string) => {
  const jobs = await api.get(`/api/jobs?where[title][equals]=${encodeURIComponent(title)}&depth=0`)
  const { body } = await api.get(`/api/assignments?where[job][equals]=${jobs.body.docs[0].id}&depth=0&sort=-createdAt`)
  return body.docs[0] as { id: number; version: number; status: string; payment?: { paymentIntentId?: string } }
}
const auditCount = async (api: Awaited<ReturnType<typeof apiAs>>, id: number, action: string) =>
  (await api.get(`/api/audit-events/count?where[entity][equals]=assignments&where[entityId][equals]=${id}&where[action][equals]=${action}`)).body.totalDocs as number

test('a customer disputes; Ops resolve it as verified from the workbench, once, and the payout waits for review', async ({ browser, page, request }) => {
  const ops = await apiAs(request, 'ops@jobline.local')

  // Alice reports a problem with the hallway Quinn painted
  const alice = await (await browser.newContext()).newPage()
  await signIn(alice, 'alice@jobline.local')
  await alice.getByRole('link', { name: 'Paint the hallway' }).click()
  await alice.getByRole('button', { name: 'Report a problem' }).click()
  await alice.getByLabel('What is wrong?').fill('Paint is peeling by the door frame.')
  await alice.getByRole('button', { name: 'Send problem report' }).click()
  await expect.poll(async () => (await assignmentOf(ops, 'Paint the hallway')).status).toBe('disputed')
  const disputed = await assignmentOf(ops, 'Paint the hallway')

  // the disputes queue: the seed's older dispute first, hers after it
  await signInToAdmin(page, 'ops@jobline.local')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await page.goto('/admin/payouts?tab=disputes')
  await expect(page.getByRole('heading', { name: 'Open disputes' })).toBeVisible()
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') })
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText('Regrout bathroom tiles')
  await expect(rows.nth(1)).toContainText('Paint the hallway')
  await expect(rows.nth(1)).toContainText('Paint is peeling by the door frame.')
  await screenshot(page, 'ops-disputes')

  // the workbench: status, parties, money, and only what Ops may do from `disputed`
  await rows.nth(1).getByRole('link', { name: 'Paint the hallway' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/collections/assignments/${disputed.id}`))
  // the assignment's title is its job and customer (its `label`), not its id
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paint the hallway — Alice Customer')
  const wb = workbench(page)
  await expect(wb.getByTestId('workbench-status')).toHaveText('disputed')
  await expect(wb.getByTestId('fact-customer')).toContainText('Alice Customer')
  await expect(wb.getByTestId('fact-provider')).toContainText('Quinn')
  await expect(wb.getByTestId('fact-visit')).toContainText(/E[SD]T/)
  await expect(wb.getByTestId('fact-amount')).toContainText('$450.00')
  await expect(wb.getByTestId('fact-payout')).toContainText('No payout yet')
  await expect(wb.getByTestId('fact-dispute')).toContainText('Paint is peeling')
  const buttons = wb.getByTestId('ops-actions').getByRole('button')
  await expect(buttons).toHaveText(['Resolve as verified', 'Resolve as cancelled'])
  await expect(wb.getByTestId('assignment-timeline')).toContainText('Assignment problem reported')

  // confirming needs a note: money moves
  await actionsReady(page)
  await wb.getByRole('button', { name: /^Resolve as verified:/ }).click()
  const confirm = wb.getByRole('group', { name: /Resolve as verified/ })
  await confirm.getByRole('button', { name: 'Confirm: resolve as verified' }).click()
  await expect(confirm.getByRole('textbox', { name: /Note/ })).toHaveAccessibleDescription(/note is required/i)
  await confirm.getByRole('textbox', { name: /Note/ }).fill('Spoke to both: a touch-up is agreed and paid for separately.')
  await screenshot(page, 'ops-workbench-confirm')

  // a double click sends one request and changes the record once
  const resolves: Request[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/assignments/${disputed.id}/resolve`)) resolves.push(r)
  })
  await confirm.getByRole('button', { name: 'Confirm: resolve as verified' }).dblclick()
  await expect(wb.getByTestId('workbench-status')).toHaveText('verified')
  await expect(wb.getByText(/Resolve as verified: done for Paint the hallway — Alice Customer/)).toBeVisible()
  expect(resolves).toHaveLength(1)
  const after = await assignmentOf(ops, 'Paint the hallway')
  expect([after.status, after.version]).toEqual(['verified', disputed.version + 1])
  expect(await auditCount(ops, disputed.id, 'resolveAsVerified')).toBe(1)

  // no card was held for this job: the payout waits for Ops, and the workbench now offers its review
  const payouts = (await ops.get(`/api/payouts?where[assignment][equals]=${disputed.id}`)).body
  expect(payouts.docs.map((p: { status: string }) => p.status)).toEqual(['pending_review'])
  await expect(wb.getByTestId('fact-payout')).toContainText(`pending review (${payouts.docs[0].reference}`)
  await expect(buttons).toHaveText(['Approve payout', 'Reject payout'])
  await expect(wb.getByTestId('assignment-timeline')).toContainText('Assignment dispute resolved as verified')
  // each row links to its domain event: the assignment's move and the payout it created share assignment.verified
  await expect(wb.getByTestId('assignment-timeline').getByRole('link', { name: 'assignment.verified' }).first()).toBeVisible()
  await screenshot(page, 'ops-workbench')
  // for the docs: the top of the workbench as Ops see it on opening the page now
  await page.setViewportSize({ width: 1280, height: 1000 })
  await page.goto(`/admin/collections/assignments/${disputed.id}`)
  await expect(workbench(page).getByTestId('workbench-status')).toHaveText('verified')
  await expect(page.getByText('alice@jobline.local', { exact: true })).toBeVisible()
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SCREENS}/ops-workbench-top.png` })

  await page.goto('/admin/payouts')
  await expect(page.getByRole('row').filter({ hasText: 'Paint the hallway' })).toContainText('$450.00')
})

test('Ops resolve a dispute as cancelled: the job is cancelled and the card hold released at Stripe', async ({ page, request }) => {
  const ops = await apiAs(request, 'ops@jobline.local')
  const tiles = await assignmentOf(ops, 'Regrout bathroom tiles')
  const intent = tiles.payment?.paymentIntentId
  expect(intent).toMatch(/^pi_fake_/) // held by the e2e server, as acceptance would have (scripts/lib/e2eStripe.ts)

  await signInToAdmin(page, 'ops@jobline.local')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await page.goto(`/admin/collections/assignments/${tiles.id}`)
  const wb = workbench(page)
  await expect(wb.getByTestId('fact-card-hold')).toContainText(`Held (${intent})`)
  await actionsReady(page)
  await wb.getByRole('button', { name: /^Resolve as cancelled:/ }).click()
  const confirm = wb.getByRole('group', { name: /Resolve as cancelled/ })
  await expect(confirm).toContainText('any card hold is released')
  await confirm.getByRole('textbox', { name: /Note/ }).fill('The grout has to be redone by someone else: refund in full.')
  await confirm.getByRole('button', { name: 'Confirm: resolve as cancelled' }).click()
  await expect(wb.getByTestId('workbench-status')).toHaveText('cancelled')
  await expect(wb.getByTestId('ops-actions')).toContainText('Nothing for Ops to do from this state.')

  // after commit the worker releases the hold: the fake received the cancel of that PaymentIntent
  await expect
    .poll(async () => (await stripeFakeState(request)).requests.filter((r) => r.method === 'POST' && r.path === `/v1/payment_intents/${intent}/cancel` && r.status === 200).length, {
      timeout: 60_000,
    })
    .toBe(1)
  expect((await stripeFakeState(request)).intents.find((i) => i.id === intent)?.status).toBe('canceled')
  const job = (await ops.get(`/api/jobs?where[title][equals]=${encodeURIComponent('Regrout bathroom tiles')}&depth=0`)).body.docs[0]
  expect(job.status).toBe('cancelled')
  await expect(async () => {
    await page.reload()
    await expect(workbench(page).getByTestId('fact-card-hold')).toContainText('Released', { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await expect(workbench(page).getByTestId('assignment-timeline')).toContainText('Card hold released')
})

test('a record changed since the workbench was opened answers 409: the page reloads, says so, and the next try works', async ({ page, request }) => {
  const ops = await apiAs(request, 'ops@jobline.local')
  const bob = await apiAs(request, 'bob@jobline.local')
  const lights = await assignmentOf(ops, 'Install ceiling lights')

  await signInToAdmin(page, 'ops@jobline.local')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await page.goto(`/admin/collections/assignments/${lights.id}`)
  const wb = workbench(page)
  await expect(wb.getByTestId('workbench-status')).toHaveText('scheduled')
  await expect(wb.getByTestId('ops-actions').getByRole('button')).toHaveText(['Cancel the assignment', 'Requeue the job'])

  // meanwhile Bob proposes another time: the assignment's version moves on
  const job = (await bob.get(`/api/jobs?where[title][equals]=${encodeURIComponent('Install ceiling lights')}&depth=0`)).body.docs[0]
  const start = new Date(Date.now() + 4 * 24 * 3_600_000)
  start.setUTCHours(10, 0, 0, 0)
  const proposed = await bob.post(`/api/jobs/${job.id}/schedule`, {
    windows: [{ start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() }],
    version: lights.version,
  })
  expect(proposed.status).toBe(201)

  await actionsReady(page)
  await wb.getByRole('button', { name: /^Cancel the assignment:/ }).click()
  const confirm = wb.getByRole('group', { name: /Cancel the assignment/ })
  await confirm.getByRole('textbox', { name: /Reason/ }).fill('The customer asked us by phone to call it off.')
  await confirm.getByRole('button', { name: 'Confirm: cancel the assignment' }).click()
  await expect(wb.getByRole('status')).toContainText(/changed since you read it .* The page now shows the current state/)
  expect((await assignmentOf(ops, 'Install ceiling lights')).status).toBe('scheduled')
  await expect(wb.getByTestId('assignment-timeline')).toContainText('Times proposed')

  // the reloaded page carries the new version: once its buttons are back (they wait while it reloads, so nothing typed
  // is lost to the reload) the same action goes through
  await expect(wb.getByRole('button', { name: /^Cancel the assignment:/ })).toBeEnabled()
  await wb.getByRole('button', { name: /^Cancel the assignment:/ }).click()
  await wb.getByRole('group', { name: /Cancel the assignment/ }).getByRole('textbox', { name: /Reason/ }).fill('The customer asked us by phone to call it off.')
  await wb.getByRole('button', { name: 'Confirm: cancel the assignment' }).click()
  await expect(wb.getByTestId('workbench-status')).toHaveText('cancelled')
  expect((await assignmentOf(ops, 'Install ceiling lights')).status).toBe('cancelled')
})

test('the workbench of a job: its parties and assignments, and its Ops actions from the table', async ({ page, request }) => {
  const ops = await apiAs(request, 'ops@jobline.local')
  const gutters = (await ops.get(`/api/jobs?where[title][equals]=${encodeURIComponent('Clear gutters')}&depth=0`)).body.docs[0]
  await signInToAdmin(page, 'ops@jobline.local')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await page.goto(`/admin/collections/jobs/${gutters.id}`)
  const wb = workbench(page)
  await expect(wb.getByTestId('workbench-status')).toHaveText('open')
  await expect(wb.getByTestId('fact-customer')).toContainText('Bob Customer')
  await expect(wb.getByTestId('fact-assignments')).toContainText('rejected')
  // an open job: cancel it, or decline / withdraw its pending quote (Pat's)
  await expect(wb.getByTestId('ops-actions').getByRole('button')).toHaveText(['Cancel the job', 'Decline the quote', 'Withdraw the quote'])
  await expect(wb.getByTestId('job-timeline')).toContainText('Quote created')
  // workflow fields are read-only in the form: status moves only through these buttons
  await expect(page.locator('#field-status')).toHaveClass(/read-only/)
})
