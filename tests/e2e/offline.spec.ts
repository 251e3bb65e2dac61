import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import { QUEUE_TABS, queuePath } from '../../src/components/admin/queues'
import { DEV_PASSWORD } from '../../src/seed'
import { acceptedJob, apiAs, book, newPerson, screenshot, secondsFromNow, untilStarted } from './support'

/**
 * The Ops console works without internet: every admin view Ops can open — the login page, the dashboard, the queues,
 * every collection's list, an edit page of a record of each (an assignment in every state, made here), the
 * account page — and the API reference at /api/docs load nothing from another host and log no console error.
 * Payload's defaults did: Gravatar for the avatar (a broken image top right), and the Monaco editor of JSON fields
 * from cdn.jsdelivr.net (a blank box and console errors on every assignment). Every request to another host is
 * recorded and refused, as on a machine without internet. One page visits every view, in order (signed in once);
 * each test checks what it opened. Only reads: it runs beside specs that change other records.
 */

type Seen = { foreign: string[]; errors: string[] }

/** Records (and refuses) every request to another origin, and every console error and uncaught exception, by page. */
function watchOffline(page: Page, origin: string): Seen {
  const seen: Seen = { foreign: [], errors: [] }
  const where = () => new URL(page.url()).pathname + new URL(page.url()).search
  void page.route('**/*', (route) => {
    const url = route.request().url()
    if (new URL(url).origin === origin) return route.continue()
    seen.foreign.push(`${where()}: ${url}`)
    return route.abort('internetdisconnected')
  })
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    // `next dev` only: its hot-reload websocket may log a failed (re)connect while it recompiles; a production build
    // (CI's E2E_USE_BUILD=1) has no such socket, so nothing of the app is hidden by this
    if (/webpack-hmr|turbopack-hmr|_next\/hmr|\[HMR\]/i.test(m.text())) return
    seen.errors.push(`${where()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => seen.errors.push(`${where()}: uncaught ${e.message}`))
  return seen
}

/** Nothing went to another host and nothing was logged as an error since the last check; every one is listed. */
function expectClean(seen: Seen) {
  const { foreign, errors } = seen
  seen.foreign = []
  seen.errors = []
  expect(foreign, `requests to another host:\n${foreign.join('\n')}`).toEqual([])
  expect(errors, `console errors:\n${errors.join('\n')}`).toEqual([])
}

const brokenImages = (page: Page) =>
  page.evaluate(() => [...document.images].filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.src))

/** Payload's code and JSON editors (Monaco, fetched from a CDN when drawn) must be on no page. */
const editors = (page: Page) => page.locator('.json-field, .code-field, .code-editor, .monaco-editor')

/** Opens `path`, waits for `ready` and for the network to settle, and checks nothing on it is broken. */
async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  await page.goto(path)
  await ready(page)
  await page.waitForLoadState('networkidle')
  await expect(editors(page), `${path} shows Payload's code editor`).toHaveCount(0)
  expect(await brokenImages(page), `${path} has broken images`).toEqual([])
}

const listReady = (page: Page) => expect(page.locator('.collection-list')).toBeVisible()
const editReady = (page: Page) => expect(page.locator('.collection-edit form').first()).toBeVisible()

test.describe.configure({ mode: 'serial' })
// about 40 admin pages under `next dev`, which builds each view on its first visit: minutes on a busy 2-core machine
test.setTimeout(4 * 60_000)

let page: Page
let seen: Seen
let slugs: string[]

test.beforeAll(async ({ browser }, testInfo) => {
  const { baseURL } = testInfo.project.use
  page = await browser.newPage({ baseURL })
  seen = watchOffline(page, new URL(baseURL!).origin)
})
test.afterAll(() => page.close())

test('the login page and the dashboard', async () => {
  await visit(page, '/admin/login', (p) => expect(p.getByLabel('Email')).toBeVisible())
  await page.getByLabel('Email').fill('ops@jobline.local')
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await expect(page).toHaveURL(/\/admin\/?$/)
  await visit(page, '/admin', (p) => expect(p.getByTestId('kpi-trend')).toBeVisible())
  // the account avatar top right is Payload's built-in one, drawn locally (admin.avatar: 'default')
  await expect(page.locator('a[href="/admin/account"]').first()).toBeVisible()

  // the collections Ops see, as the sidebar lists them
  const hrefs = await page.locator('nav a[href^="/admin/collections/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
  slugs = [...new Set(hrefs.map((h) => h.split('/')[3]))]
  expect(slugs).toEqual(expect.arrayContaining(['assignments', 'jobs', 'payouts', 'events', 'payload-jobs', 'webhook-endpoints']))
  expectClean(seen)
})

test("the queues and every collection's list", async () => {
  for (const tab of QUEUE_TABS) {
    await visit(page, queuePath('/admin', tab.key), (p) => expect(p.getByRole('heading', { name: tab.title })).toBeVisible())
  }
  for (const slug of slugs) await visit(page, `/admin/collections/${slug}`, listReady)
  expectClean(seen)
})

/**
 * An assignment in every state, made here by a customer and a provider who sign up for it: the seed's own assignments
 * change under the other lanes (a confirmed time, a resolved dispute), so they cannot stand for every state.
 */
async function assignmentsInEveryState(request: APIRequestContext): Promise<Map<string, number>> {
  const customer = await newPerson(request, 'Casey Offline')
  const provider = await newPerson(request, 'Quinn Painter', 'provider')
  const byState = new Map<string, number>()
  const accepted = async (title: string) => acceptedJob(customer, provider, `Offline: ${title} ${Date.now()}`, 10_000)
  const pending = await accepted('waiting for a time')
  byState.set('pending_schedule', pending.assignment.id)
  const rejected = await accepted('given back')
  expect((await provider.post(`/api/assignments/${rejected.assignment.id}/reject`, { reason: 'Van broke down', version: rejected.assignment.version })).status).toBe(200)
  byState.set('rejected', rejected.assignment.id)
  const cancelled = await accepted('cancelled')
  expect((await customer.post(`/api/assignments/${cancelled.assignment.id}/cancel`, { version: cancelled.assignment.version })).status).toBe(200)
  byState.set('cancelled', cancelled.assignment.id)
  // booked two hours ahead; then three visits booked seconds ahead, one at a time (a provider's booked visits may
  // not overlap; a completed one no longer counts), each completed once it has started
  const booked = await accepted('booked')
  await book(customer, provider, booked.job.id, booked.assignment, secondsFromNow(2 * 3600))
  byState.set('scheduled', booked.assignment.id)
  for (const state of ['completed', 'verified', 'disputed'] as const) {
    const { job, assignment } = await accepted(state)
    const start = secondsFromNow(2)
    const visit = await book(customer, provider, job.id, assignment, start)
    await untilStarted(start)
    const done = await provider.post(`/api/assignments/${assignment.id}/complete`, { checklist: { items: ['Two coats', 'Cleaned up'], note: 'Walls dry by tonight.' }, version: visit.version })
    expect(done.status).toBe(200)
    const version = (done.body.assignment ?? done.body.doc).version
    if (state === 'verified') expect((await customer.post(`/api/assignments/${assignment.id}/verify`, { version })).status).toBe(200)
    if (state === 'disputed') expect((await customer.post(`/api/assignments/${assignment.id}/dispute`, { reason: 'Paint is streaky.', version })).status).toBe(200)
    byState.set(state, assignment.id)
  }
  return byState
}

test('an assignment in every state, its completion checklist in words', async ({ request }) => {
  const byState = await assignmentsInEveryState(request)
  expect([...byState.keys()].sort()).toEqual(['cancelled', 'completed', 'disputed', 'pending_schedule', 'rejected', 'scheduled', 'verified'])

  for (const [state, id] of byState) {
    await visit(page, `/admin/collections/assignments/${id}`, async (p) => {
      await expect(p.getByTestId('workbench-status')).toHaveText(state.replace(/_/g, ' '))
      await expect(p.getByTestId('completion-checklist')).toBeVisible()
    })
    const checklist = page.getByTestId('completion-checklist')
    if (state === 'completed') {
      // painted by Quinn Painter, who signed up above
      await expect(checklist.getByRole('listitem')).toHaveText(['✓ Two coats', '✓ Cleaned up'])
      await expect(checklist).toContainText('Marked done by Quinn')
      await expect(checklist).toContainText('“Walls dry by tonight.”')
      await screenshot(page, 'admin-completion-checklist')
    } else if (state === 'pending_schedule') {
      await expect(checklist).toContainText('Not marked done yet')
    }
  }
  expectClean(seen)
})

test('a record of every other collection, a new webhook endpoint, the account page', async ({ request }) => {
  const ops = await apiAs(request, 'ops@jobline.local')
  // JSON fields as data in words (src/components/admin/DataView.tsx), one component for all of them
  const shows: Record<string, (p: Page) => Promise<void>> = {
    'audit-events': (p) => expect(p.getByTestId('data-data')).toContainText('Cause'),
    'worker-heartbeats': (p) => expect(p.getByTestId('data-stats')).toBeVisible(),
    'payload-jobs': (p) => expect(p.getByTestId('data-input')).toBeVisible(),
  }
  // the first record of each that has one: the demo data has no webhook endpoint or delivery, and events only once
  // someone acts (the other lanes do), so the form for a new endpoint stands in
  for (const slug of slugs.filter((s) => s !== 'assignments')) {
    const { body } = await ops.get(`/api/${slug}?limit=1&depth=0&sort=id`)
    const first = body.docs[0] as { id: number } | undefined
    if (!first) continue
    await visit(page, `/admin/collections/${slug}/${first.id}`, async (p) => {
      await editReady(p)
      await shows[slug]?.(p)
    })
    if (slug === 'payload-jobs') await screenshot(page, 'admin-job-as-data')
  }
  await visit(page, '/admin/collections/webhook-endpoints/create', editReady)
  await visit(page, '/admin/account', editReady)
  expectClean(seen)
})

test('the API reference (Swagger UI from our own files)', async () => {
  await visit(page, '/api/docs', (p) => expect(p.locator('.opblock').first()).toBeVisible())
  expectClean(seen)
})
