import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'

import { DEV_PASSWORD } from '../../src/seed'
import { SCREENS } from './support'

/**
 * The Ops dashboard as a new Ops person first sees it, on a desktop (1280 × 900) and a phone (390 × 844, touch): the
 * figures in words (a metric name only in its small "Metric" line), the worker's state (here the worker runs inside
 * the web process, RUN_WORKER_IN_WEB=true, and counts as running: no banner), the trend saying how it fills, the queue
 * cards linking to their tabs; no serious or critical accessibility violation (axe, WCAG 2.1 A/AA) but Payload's own
 * listed below, and on the phone our links are 44 px targets and nothing of ours reaches past the screen's edge.
 * Reads only (no figure is compared with a count, which the other lanes change): it runs in the `own-data` lane.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const DESKTOP = { viewport: { width: 1280, height: 900 } }
const FIGURES = [
  ['awaiting_schedule', 'Awaiting schedule'],
  ['scheduled', 'Scheduled'],
  ['reminder_overdue', 'Reminder overdue'],
  ['payout_pending', 'Payouts to review'],
  ['disputes_open', 'Open disputes'],
  ['captures_failed', 'Failed captures'],
] as const

/**
 * Payload's own violations on /admin, not our components' (docs/ui.md, "Accessibility of the dashboard"): each
 * excluded by exactly its selector.
 */
const PAYLOAD_OWN: string[] = [
  // the modular dashboard's "Dashboard" breadcrumb select (DashboardStepNav, Payload 3.90): its combobox input has no
  // name (label, critical: payloadcms/payload#18140) and its dropdown indicator is a focusable button with
  // aria-hidden (aria-hidden-focus, serious: payloadcms/payload#18139)
  '.dashboard-breadcrumb-select',
]

async function opsDashboard(browser: Browser, device: typeof PHONE | typeof DESKTOP): Promise<Page> {
  const context = await browser.newContext(device)
  const page = await context.newPage()
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill('ops@jobline.local')
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 90_000 })
  await expect(page.getByRole('heading', { name: 'Fulfillment at a glance' })).toBeVisible()
  return page
}

/** Our links and controls on the dashboard smaller than a 44 px target. */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.jl-console a, .jl-console summary, .jl-console button'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 43.5 || box.width < 43.5))
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)} px`),
  )

/** Elements of ours whose right edge is past the screen's. */
const pastTheEdge = (page: Page, width: number) =>
  page.evaluate(
    (limit) =>
      Array.from(document.querySelectorAll('.jl-console, .jl-console *'))
        .filter((el) => el.getBoundingClientRect().right > limit + 1 && !el.closest('details:not([open]) table'))
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} to ${Math.round(el.getBoundingClientRect().right)} px`)
        .slice(0, 8),
    width,
  )

async function seriousViolations(page: Page) {
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  for (const selector of PAYLOAD_OWN) axe = axe.exclude(selector)
  const { violations } = await axe.analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

for (const [name, device] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`the dashboard on a ${name}: figures in words, the worker counted, how the trend fills, no serious accessibility problem`, async ({ browser }) => {
    const page = await opsDashboard(browser, device)
    const consoleSection = page.locator('section.jl-console')

    // each figure in words, its number, and the metric name only in the small "Metric" line
    for (const [key, label] of FIGURES) {
      const card = page.getByTestId(`kpi-${key}`)
      await expect(card).toContainText(label)
      await expect(page.getByTestId(`kpi-${key}-value`)).toHaveText(/^\d+$/)
    }
    const words = await consoleSection.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement
      copy.querySelectorAll('code, svg, details').forEach((c) => c.remove())
      return copy.innerText
    })
    expect(words.match(/\b[a-z]+_[a-z_]+\b/g)).toBeNull()
    // colour only when something is wrong: a figure at 0 is neutral
    for (const [key] of FIGURES) {
      const value = Number(await page.getByTestId(`kpi-${key}-value`).textContent())
      if (value === 0) await expect(page.locator('li.jl-kpi-card', { has: page.getByTestId(`kpi-${key}`) })).toHaveAttribute('data-tone', 'neutral')
    }
    // the queue cards open their tabs of /admin/payouts
    await expect(page.getByTestId('kpi-disputes_open')).toHaveAttribute('href', '/admin/payouts?tab=disputes')
    await expect(page.getByTestId('kpi-captures_failed')).toHaveAttribute('href', '/admin/payouts?tab=failed')

    // the worker inside the web process counts: it is said to run, and there is no banner
    await expect(page.getByTestId('worker-status')).toContainText('Reminder worker running: last heartbeat')
    await expect(page.getByTestId('worker-banner')).toHaveCount(0)
    // the trend has the worker's snapshot of today and says how the other days fill
    await expect(page.getByTestId('kpi-trend')).toContainText(/\b\d+ of 30 days have a snapshot/)
    await expect(page.getByTestId('kpi-trend-hint')).toContainText('the worker takes just after 00:00 UTC')
    await expect(page.getByTestId('kpi-trend-hint')).toContainText('npm run kpis:backfill')

    expect(await seriousViolations(page)).toEqual([])
    if (name === 'phone') {
      expect(await smallTargets(page)).toEqual([])
      expect(await pastTheEdge(page, device.viewport.width)).toEqual([])
    }
    await page.screenshot({ path: `${SCREENS}/ops-dashboard-first-run${name === 'phone' ? '-phone' : ''}.png`, fullPage: true })

    await page.getByTestId('kpi-disputes_open').click()
    await expect(page.getByRole('heading', { name: 'Open disputes' })).toBeVisible()
    await page.context().close()
  })
}
