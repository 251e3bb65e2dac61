import { expect, test, type Browser, type Page } from '@playwright/test'

import { formatWindowInZone } from '../../src/domain/zonedTime'
import { apiAs, localInput, minutesAfter, screenshot, signIn, signInToAdmin, untilStarted } from './support'

/**
 * The seed's whole happy path through the UI: Alice accepts Pat's quote → Pat proposes windows → Alice confirms one →
 * the reminder worker sends the visit reminder and Alice sees it in her history → Pat marks the job complete → Alice
 * verifies → (no card held: Alice has no saved card) the payout waits on /admin/payouts → Ops approves it; the KPIs move
 * at each step.
 *
 * Needs the worker and a near visit: playwright.config.ts runs the app with RUN_WORKER_IN_WEB=true,
 * REMINDER_QUIET_HOURS=off, REMINDER_POLL_INTERVAL_MS=1000, SCHEDULE_MIN_NOTICE_MINUTES=0 and
 * REMINDER_LEAD_MINUTES=1440,15s: the visit starts at the first whole minute (the picker's precision) at least 40 s
 * ahead, its 15-second reminder is due before it starts, and Pat can mark it complete once it has started (never
 * before) — within about a minute and a half of proposing.
 */
const WORKER = process.env.RUN_WORKER_IN_WEB === 'true'
test.skip(!WORKER, 'needs the reminder worker: RUN_WORKER_IN_WEB=true REMINDER_QUIET_HOURS=off REMINDER_POLL_INTERVAL_MS=2000 (see playwright.config.ts)')
test.setTimeout(4 * 60_000)

const TZ = 'America/New_York'
const KPI_KEYS = ['awaiting_schedule', 'scheduled', 'reminder_overdue', 'payout_pending'] as const
type Kpis = Record<(typeof KPI_KEYS)[number], number>

async function kpis(ops: Page): Promise<Kpis> {
  await ops.goto('/admin')
  const values = {} as Kpis
  for (const key of KPI_KEYS) values[key] = Number(await ops.getByTestId(`kpi-${key}-value`).textContent())
  return values
}

async function pageFor(browser: Browser) {
  return (await browser.newContext()).newPage()
}

test('accept → propose → confirm → reminder → complete → verify → payout approved, with the KPIs following', async ({ browser, request }) => {
  const alice = await pageFor(browser)
  const pat = await pageFor(browser)
  const ops = await pageFor(browser)
  await signInToAdmin(ops, 'ops@jobline.local')
  await expect(ops).toHaveURL(/\/admin\/?$/)
  const start = await kpis(ops)

  // 1. Alice accepts Pat's quote
  await signIn(alice, 'alice@jobline.local')
  await alice.getByRole('link', { name: 'Fix leaking kitchen tap' }).click()
  const quotes = alice.getByRole('region', { name: 'Quotes' })
  await expect(quotes.getByTestId('quote')).toHaveCount(2)
  // accepting says first what it commits to: the amount, the card hold, the other quote declined
  await quotes.getByRole('button', { name: 'Accept $125.00 from Pat Plumber' }).click()
  await expect(quotes.getByTestId(/^accept-\d+-confirm$/)).toContainText('$125.00 is held on it now')
  await quotes.getByRole('button', { name: 'Yes, accept $125.00' }).click()
  await expect(alice.getByRole('heading', { level: 1 })).toContainText('Waiting for a visit time')
  await expect(quotes).toContainText('Declined')
  expect((await kpis(ops)).awaiting_schedule).toBe(start.awaiting_schedule + 1)

  // 2. Pat proposes two windows; the first starts at the first whole minute at least 40 s ahead (this run has no
  // minimum notice), so the booking comes before its 15-second reminder is due
  await signIn(pat, 'pat@jobline.local')
  await pat.getByRole('link', { name: 'Fix leaking kitchen tap' }).click()
  const first = minutesAfter(new Date(Date.now() + 40_000), 0)
  const soon = { start: first, end: minutesAfter(first, 60) }
  const tomorrow = { start: minutesAfter(soon.start, 24 * 60), end: minutesAfter(soon.end, 24 * 60) }
  await pat.getByLabel('Start (window 1)').fill(localInput(soon.start, TZ))
  await pat.getByLabel('End (window 1)').fill(localInput(soon.end, TZ))
  await pat.getByRole('button', { name: 'Add another window' }).click()
  await pat.getByLabel('Start (window 2)').fill(localInput(tomorrow.start, TZ))
  await pat.getByLabel('End (window 2)').fill(localInput(tomorrow.end, TZ))
  await pat.getByRole('button', { name: 'Send proposed times' }).click()
  await expect(pat.getByTestId('my-proposal')).toContainText(formatWindowInZone(soon, TZ))

  // 3. Alice confirms the first
  await alice.reload()
  await alice.getByTestId('their-proposal').getByRole('button', { name: `Confirm ${formatWindowInZone(soon, TZ)}` }).click()
  await expect(alice.getByTestId('visit-time')).toHaveText(formatWindowInZone(soon, TZ))
  const booked = await kpis(ops)
  expect(booked.awaiting_schedule).toBe(start.awaiting_schedule)
  expect(booked.scheduled).toBe(start.scheduled + 1)

  // 4. the worker sends the 15-second visit reminder; it shows in Alice's reminder history as sent
  const reminders = alice.getByRole('region', { name: 'Reminders' })
  const sentToAlice = reminders.getByRole('row').filter({ hasText: 'Visit reminder' }).filter({ hasText: 'You' }).filter({ hasText: 'Sent' })
  await expect(async () => {
    await alice.reload()
    await expect(sentToAlice).toHaveCount(1, { timeout: 5_000 })
  }).toPass({ timeout: 2 * 60_000, intervals: [1_000, 2_000] })
  await screenshot(alice, 'happy-reminder-sent')

  // 5. once the visit has started, Pat marks the job complete with a checklist
  await untilStarted(soon.start)
  await pat.reload()
  await pat.getByLabel('Item 1').fill('Replaced the cartridge')
  await pat.getByRole('button', { name: 'Add item' }).click()
  await pat.getByLabel('Item 2').fill('No drips after 10 minutes')
  await pat.getByRole('button', { name: 'Mark complete' }).click()
  await expect(pat.getByRole('heading', { level: 1 })).toContainText('Completed')
  expect((await kpis(ops)).scheduled).toBe(start.scheduled)

  // 6. Alice sees the checklist and verifies
  await alice.reload()
  await expect(alice.getByRole('region', { name: 'Completion checklist' })).toContainText('Replaced the cartridge')
  await alice.getByRole('button', { name: 'Verify: the work is done' }).click()
  await alice.getByRole('button', { name: /^Yes, verify and pay \$/ }).click()
  await expect(alice.getByRole('heading', { level: 1 })).toContainText('Verified')
  await screenshot(alice, 'happy-verified')
  expect((await kpis(ops)).payout_pending).toBe(start.payout_pending + 1)

  // 7. with no card held the payout waits for Ops on /admin/payouts; Ops approves it, with a note (money moves)
  await ops.goto('/admin/payouts')
  const row = ops.getByRole('row').filter({ hasText: 'Fix leaking kitchen tap' })
  await expect(row).toContainText('Alice Customer → Pat Plumber')
  await expect(row).toContainText('$125.00')
  const reference = (await row.getByRole('rowheader').textContent())!.trim()
  await row.getByRole('button', { name: `Approve payout: ${reference}` }).click()
  await row.getByRole('textbox', { name: /Note/ }).fill('Paid by bank transfer.')
  await row.getByRole('button', { name: 'Confirm: approve payout' }).click()
  await expect(ops.getByText(`Approve payout: done for ${reference}.`)).toBeVisible()
  expect((await kpis(ops)).payout_pending).toBe(start.payout_pending)

  const api = await apiAs(request, 'ops@jobline.local')
  const payout = (await api.get(`/api/payouts?where[reference][equals]=${reference}`)).body.docs[0]
  expect(payout.status).toBe('approved')
})
