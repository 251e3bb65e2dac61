import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'

import { DEV_PASSWORD } from '../../src/seed'
import { SCREENS } from './support'

/**
 * Every page of the site, as the people who use it see it, on an ordinary phone (390 × 844, touch) and on a desktop
 * (1280 × 900), with the demo data: a job page and an assignment page in every lifecycle state the demo customers and
 * providers see, their lists, account and working-hours pages, and the signed-out pages. On each: no element
 * reaches past the screen's right edge (a phone browser widens its layout to the content, so the right edges are
 * measured, not the window), no serious or critical accessibility violation (axe, WCAG 2.1 A/AA: every page on the
 * phone; on the desktop the pages whose layout differs), no lifecycle key or event name in the text, and on the phone
 * every control is a 44 px target. Only reads: it runs beside the other lanes.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const DESKTOP = { viewport: { width: 1280, height: 900 } }

type Visit = { path: string; as: string | null }

/** What a page must show before it is judged: its heading, and nothing still loading. */
async function settled(page: Page) {
  await expect(page.locator('main h1').first()).toBeVisible()
  await expect(page.getByText('Loading…')).toHaveCount(0)
}

/** Elements whose right edge is past `width` (the device's width), described for the failure message. */
const pastTheEdge = (page: Page, width: number) =>
  page.evaluate((limit) => {
    const found: string[] = []
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || box.right <= limit + 1) continue
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden') continue
      found.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} to ${Math.round(box.right)} px: "${(el.textContent ?? '').trim().slice(0, 40)}"`)
    }
    return found.slice(0, 8)
  }, width)

/** Controls smaller than a 44 px target on a phone (checkboxes count with their label). */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = []
    const controls = document.querySelectorAll('main button, main select, main textarea, main input:not([type=hidden]), header button, header a')
    for (const el of Array.from(controls)) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      const input = el as HTMLInputElement
      const target = input.type === 'checkbox' || input.type === 'radio' ? (input.labels?.[0]?.getBoundingClientRect() ?? box) : box
      if (target.height < 43.5) found.push(`${el.tagName.toLowerCase()} "${(el.textContent || input.name || input.id || '').trim().slice(0, 30)}" ${Math.round(target.height)} px high`)
    }
    return found.slice(0, 8)
  })

async function signedIn(browser: Browser, device: typeof PHONE | typeof DESKTOP, email: string | null) {
  const context = await browser.newContext(device)
  if (email) {
    // signed in on /login, as a person does: the browser keeps the session cookie
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(DEV_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/\/(jobs|assignments)\/?$/)
    await page.close()
  }
  return context
}

/** Every page of the demo data, per person: their list, every record they have, their account pages. */
async function demoPages(browser: Browser): Promise<{ visits: Visit[]; cents: Set<number> }> {
  const visits: Visit[] = [
    { path: '/', as: null },
    { path: '/login', as: null },
    { path: '/tap?t=not-a-link', as: null },
    { path: '/forgot-password', as: null },
    { path: '/reset-password?token=x', as: null }, // a made-up link: says so and points to a new one
    { path: '/jobs', as: null }, // asks to sign in
  ]
  // the API as each person (a JWT header: the production session cookie is Secure, which only the browser sends here)
  const context = await browser.newContext()
  let token = ''
  const signInAs = async (email: string) => {
    const res = await context.request.post('/api/users/login', { data: { email, password: DEV_PASSWORD } })
    token = ((await res.json()) as { token: string }).token
  }
  const read = async (path: string) => {
    const res = await context.request.get(path, { headers: { authorization: `JWT ${token}` } })
    expect([path, res.status()]).toEqual([path, 200])
    return res.json()
  }
  // one record page per lifecycle state a person can see it in (the demo data has every one): the layout follows the
  // state, not the record
  const seen = new Set<string>()
  // every amount the pages could show, as the API holds it (cents): none may appear unformatted
  const cents = new Set<number>()
  const amounts = (docs: { amount?: number | null }[]) => docs.forEach((d) => d.amount && cents.add(d.amount))
  const once = (key: string) => !seen.has(key) && Boolean(seen.add(key))
  for (const email of ['alice@jobline.local', 'bob@jobline.local']) {
    await signInAs(email)
    const me = await read('/api/users/me')
    const jobs = (await read('/api/jobs?limit=50&depth=0')).docs as { id: number; status: string }[]
    const assignments = (await read(`/api/assignments?limit=50&depth=0&where[customer][equals]=${me.user.id}`)).docs as { job: number; status: string; amount?: number | null }[]
    amounts(assignments)
    amounts((await read('/api/quotes?limit=100&depth=0')).docs)
    visits.push({ path: '/jobs', as: email }, { path: '/account', as: email })
    for (const job of jobs) {
      const state = assignments.find((a) => a.job === job.id)?.status ?? job.status
      if (once(`customer:${state}`)) visits.push({ path: `/jobs/view?id=${job.id}`, as: email })
    }
  }
  for (const email of ['pat@jobline.local', 'quinn@jobline.local', 'riley@jobline.local']) {
    await signInAs(email)
    const me = await read('/api/users/me')
    const { docs } = await read(`/api/assignments?limit=50&depth=0&where[provider][equals]=${me.user.id}`)
    amounts(docs)
    visits.push({ path: '/assignments', as: email })
    for (const a of docs as { id: number; status: string }[]) if (once(`provider:${a.status}`)) visits.push({ path: `/assignments/view?id=${a.id}`, as: email })
  }
  visits.push({ path: '/availability', as: 'pat@jobline.local' }, { path: '/account', as: 'pat@jobline.local' })
  await context.close()
  return { visits, cents }
}

const PEOPLE = [null, 'alice@jobline.local', 'bob@jobline.local', 'pat@jobline.local', 'quinn@jobline.local', 'riley@jobline.local'] as const
// the docs' screenshots: the lists, and the first job and assignment pages (once per device)
const shots = new Set<string>()

for (const [name, device] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
  test.describe(`every page on a ${name}: nothing past the screen's edge, no serious accessibility problem${name === 'phone' ? ', 44 px targets' : ''}`, () => {
    let demo: Awaited<ReturnType<typeof demoPages>>
    test.beforeAll(async ({ browser }) => {
      demo = await demoPages(browser)
    })

    // one test per person: a failure names whose pages, and each stays well inside its time on a busy machine
    for (const person of PEOPLE) {
      test(`as ${person ?? 'nobody'}`, async ({ browser }) => {
        const { visits, cents } = demo
        const centsPattern = new RegExp(`(?<![\\d.,])(?:${[...cents].join('|')})(?![\\d.,])`, 'g')
        const problems: string[] = []
        const context = await signedIn(browser, device, person)
        const page = context.pages()[0] ?? (await context.newPage())
        for (const visit of visits.filter((v) => v.as === person)) {
          const where = `${visit.path} as ${visit.as ?? 'nobody'}`
          await page.goto(visit.path)
          await settled(page)
          for (const p of await pastTheEdge(page, device.viewport.width)) problems.push(`${where}: past the edge: ${p}`)
          if (name === 'phone') for (const p of await smallTargets(page)) problems.push(`${where}: small target: ${p}`)
          // plain words only: no lifecycle key (pending_schedule) and no event name (assignment.verified) on the page
          const text = await page.locator('main').innerText()
          for (const raw of new Set(text.match(/\b[a-z]+_[a-z_]+\b|\b(?:job|quote|assignment|proposal|payout)\.[a-z_]+\b/g) ?? [])) problems.push(`${where}: raw word "${raw}"`)
          // and no amount in cents: "$125.00", never "12500"
          if (cents.size) for (const raw of new Set(text.match(centsPattern) ?? [])) problems.push(`${where}: an amount in cents "${raw}"`)
          // axe on every page on the phone; on the desktop on the pages whose layout differs (the lists, the account
          // pages, the header's open navigation), not again on each record's page
          if (name === 'phone' || !visit.path.includes('?id=')) {
            const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
            for (const v of axe.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
              problems.push(`${where}: ${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
            }
          }
          const shot = visit.path.startsWith('/jobs/view') ? 'job' : visit.path.startsWith('/assignments/view') ? 'assignment' : visit.as ? visit.path.slice(1) : ''
          if (['jobs', 'assignments', 'job', 'assignment'].includes(shot) && !shots.has(`${name}-${shot}`)) {
            shots.add(`${name}-${shot}`)
            await page.screenshot({ path: `${SCREENS}/pages-${name}-${shot}.png`, fullPage: true })
          }
        }
        await context.close()
        expect(problems).toEqual([])
      })
    }
  })
}

test('on a phone the header folds into a menu that opens, names the person and signs out', async ({ browser }) => {
  const context = await signedIn(browser, PHONE, 'pat@jobline.local')
  const page = await context.newPage()
  await page.goto('/assignments')
  await settled(page)
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await menu.click()
  await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Working hours' })).toBeVisible()
  await expect(page.locator('.site-header .who')).toHaveText('Pat Plumber')
  await page.screenshot({ path: `${SCREENS}/pages-phone-menu.png` })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Working hours' }).click()
  await expect(page.getByRole('heading', { name: 'Working hours and days off' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden() // a page opened from the menu closes it
  await page.getByRole('button', { name: 'Menu' }).click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login\/?$/)
  await context.close()
})
