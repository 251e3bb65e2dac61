import { expect, test, type Page } from '@playwright/test'

import { apiAs, screenshot, signInToAdmin } from './support'

const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}-value`)

/** Ops' KPI numbers against the API's own counts, then the payouts view: approve the seeded payout, see the KPI move. */
test('Ops sees the KPIs, reviews the pending payout, and the KPI changes', async ({ page, request }) => {
  const ops = await apiAs(request, 'ops@jobline.local')
  // GET /api/<slug>/count: a list's limit is 1–500 (docs/api.md), and counting needs no rows
  const count = async (path: string) => (await ops.get(path.replace('?', '/count?'))).body.totalDocs as number
  const expected = {
    awaiting_schedule: await count('/api/assignments?where[status][equals]=pending_schedule'),
    scheduled: await count('/api/assignments?where[status][equals]=scheduled'),
    reminder_overdue: await count('/api/assignments?where[reminders.overdue][equals]=true'),
    payout_pending: await count('/api/payouts?where[status][equals]=pending_review'),
  }
  expect(expected.payout_pending).toBeGreaterThanOrEqual(1)

  await signInToAdmin(page, 'ops@jobline.local')
  await expect(page).toHaveURL(/\/admin\/?$/)
  for (const [key, value] of Object.entries(expected)) await expect(kpi(page, key)).toHaveText(String(value))
  await expect(page.getByTestId('kpi-awaiting_schedule')).toHaveAttribute('href', '/admin/collections/assignments?where[status][equals]=pending_schedule')
  await expect(page.getByTestId('kpi-payout_pending')).toHaveAttribute('href', '/admin/collections/payouts?where[status][equals]=pending_review')
  await expect(page.getByTestId('reminder-chart')).toBeVisible()
  await expect(page.getByTestId('reminders-sent')).toContainText(/Sent \d+/)
  // beside it the KPIs' 30-day trend: today's point is the worker's snapshot, as the API has it
  const snapshots = (await ops.get('/api/kpi-snapshots?limit=100&sort=-day')).body.docs as { day: string; kpi: string; value: number }[]
  const today = new Date().toISOString().slice(0, 10)
  expect(snapshots.filter((s) => s.day === today)).toHaveLength(4)
  for (const s of snapshots.filter((x) => x.day === today)) await expect(page.getByTestId(`kpi-trend-${s.kpi}`)).toContainText(` ${s.value}`)
  await expect(page.getByTestId('kpi-trend')).toContainText('KPIs, last 30 days')
  await screenshot(page, 'ops-dashboard')

  // a KPI opens the list it counts
  await page.getByTestId('kpi-awaiting_schedule').click()
  await expect(page).toHaveURL(/collections\/assignments\?.*pending_schedule/)

  // the payouts view: the seeded payout with its job, parties, amount and why it is manual
  await page.goto('/admin/payouts')
  await expect(page.getByRole('heading', { name: 'Payouts to review' })).toBeVisible()
  const boiler = page.getByRole('row').filter({ hasText: 'Service the boiler' })
  await expect(boiler).toContainText('Bob Customer → Pat Plumber')
  await expect(boiler).toContainText('$180.00')
  await expect(boiler).toContainText('No Stripe keys configured')
  await expect(boiler).toContainText(/\d+ (minute|hour|day)s?|just now/)
  await screenshot(page, 'ops-payouts')

  // money moves either way, so both need a note: the error sits next to the note field
  const reference = (await boiler.getByRole('rowheader').textContent())!.trim()
  await boiler.getByRole('button', { name: `Reject payout: ${reference}` }).click()
  await boiler.getByRole('button', { name: 'Confirm: reject payout' }).click()
  await expect(boiler.getByRole('textbox', { name: /Note/ })).toHaveAccessibleDescription(/note is required/i)

  await boiler.getByRole('button', { name: `Approve payout: ${reference}` }).click()
  await boiler.getByRole('textbox', { name: /Note/ }).fill('Checked with the customer: work is fine.')
  await boiler.getByRole('button', { name: 'Confirm: approve payout' }).click()
  await expect(page.getByText(`Approve payout: done for ${reference}.`)).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: 'Service the boiler' })).toHaveCount(0)

  await page.goto('/admin')
  await expect(kpi(page, 'payout_pending')).toHaveText(String(expected.payout_pending - 1))

  // the assignment's timeline in the admin shows the payout's approval among its events and reminders
  const { body } = await ops.get(`/api/payouts?where[reference][equals]=${reference}`)
  const assignmentId = typeof body.docs[0].assignment === 'object' ? body.docs[0].assignment.id : body.docs[0].assignment
  await page.goto(`/admin/collections/assignments/${assignmentId}`)
  const timeline = page.getByTestId('assignment-timeline')
  await expect(timeline).toContainText('Payout approved by Ops')
  await expect(timeline).toContainText(/ E[SD]T|CE[S]?T/)
  await timeline.scrollIntoViewIfNeeded()
  await screenshot(page, 'ops-assignment-timeline')
})
