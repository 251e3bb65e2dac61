/**
 * The Ops dashboard on a first run: the queue cards count open disputes and failed captures with the reader's access;
 * "is a worker running?" follows the heartbeats with the time given (no waiting on a clock) — a worker that stopped is
 * not running, one inside this process is — and the rendered dashboard says so in words: the banner with the command
 * and the runbook section, the empty trend with how it fills, figures coloured only when they say something is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import { readFileSync } from 'node:fs'
import type { TypedUser } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'

import { KpiDashboard, WORKER_RUNBOOK } from '../../src/components/admin/KpiDashboard'
import { dbOf } from '../../src/db/sql'
import { KPIS, QUEUE_CARDS } from '../../src/domain/kpis'
import { beat } from '../../src/jobs/heartbeat'
import { startWorker } from '../../src/jobs/startWorker'
import { fulfillmentKpis, queueCardCounts } from '../../src/services/kpis'
import { workerStatusFor } from '../../src/services/console/workerStatus'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { recordIn } from '../helpers/lifecycleStates'
import { waitUntil } from '../helpers/workerProcess'

let app: TestApp
let world: World

beforeAll(async () => {
  app = await startTestApp({ env: { REMINDER_QUIET_HOURS: 'off', REMINDER_POLL_INTERVAL_MS: '1000' } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
})

const db = () => dbOf(app.payload)
const user = async (email: string) =>
  (await app.payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })).docs[0] as TypedUser
const systemCount = async (card: (typeof QUEUE_CARDS)[number]) =>
  (await app.payload.count({ collection: card.collection, where: card.where, overrideAccess: true })).totalDocs
const cards = async (email: string) => Object.fromEntries((await queueCardCounts(app.payload, await user(email))).map((c) => [c.key, c.value]))
const WITHIN = 120_000
const identity = (id: string) => ({ id, host: 'test-host', pid: 1, startedAt: new Date() })
/** The dashboard as Ops sees it, as HTML, and its visible text with the `<code>` spans (commands, metric names) left out. */
async function dashboard() {
  const html = renderToStaticMarkup(await KpiDashboard({ payload: app.payload, user: await user('ops@jobline.local') }))
  const words = html.replace(/<code>.*?<\/code>/g, '').replace(/<title>.*?<\/title>/g, '').replace(/<[^>]+>/g, ' ')
  return { html, words }
}

describe('the queue cards', () => {
  it("count open disputes and failed captures as Ops reads them, and move by one when one more appears", async () => {
    const before = await cards('ops@jobline.local')
    expect(before).toEqual({ disputes_open: await systemCount(QUEUE_CARDS[0]), captures_failed: await systemCount(QUEUE_CARDS[1]) })
    expect(before.disputes_open).toBeGreaterThanOrEqual(1) // the demo data has a dispute: the figure is real, not a zero
    const parties = { customerId: world.ids.customerA, providerId: world.ids.provider1 }
    await recordIn(app.payload, parties, 'assignment', 'disputed')
    await recordIn(app.payload, parties, 'payout', 'failed')
    expect(await cards('ops@jobline.local')).toEqual({ disputes_open: before.disputes_open + 1, captures_failed: before.captures_failed + 1 })
  })

  it("count with the reader's access: a customer counts only their own records", async () => {
    const bob = await user('bob@jobline.local')
    const own = async (collection: 'assignments' | 'payouts', status: string) =>
      (await app.payload.count({ collection, where: { and: [{ status: { equals: status } }, { customer: { equals: bob.id } }] }, overrideAccess: true })).totalDocs
    expect(await cards('bob@jobline.local')).toEqual({ disputes_open: await own('assignments', 'disputed'), captures_failed: await own('payouts', 'failed') })
    expect((await cards('bob@jobline.local')).disputes_open).toBeLessThan((await cards('ops@jobline.local')).disputes_open)
  })

  it('name metrics that GET /api/metrics reports', async () => {
    const text = (await world.clients.ops.get('/api/metrics')).body as string
    for (const figure of [...KPIS, ...QUEUE_CARDS]) if (figure.metric) expect([figure.key, text.includes(`\n${figure.metric} `)]).toEqual([figure.key, true])
  })
})

describe('is a worker running', () => {
  beforeAll(async () => {
    await db().execute(sql`DELETE FROM worker_heartbeats`)
  })
  const status = async (now = new Date()) => workerStatusFor(app.payload, await user('ops@jobline.local'), { now, withinMs: WITHIN })

  it('not when none ever beat', async () => {
    expect(await status()).toMatchObject({ running: false, lastBeatAt: null, lastStopped: false })
  })

  it('yes right after a beat, and no longer once the window has passed (the time given, not waited for)', async () => {
    await beat(db(), identity('test:a'), { scans: 1 })
    const [{ beat_at: at }] = (await db().execute(sql`SELECT beat_at FROM worker_heartbeats WHERE worker_id = 'test:a'`)).rows as { beat_at: string }[]
    const beatAt = new Date(at)
    expect(await status(new Date(beatAt.getTime() + WITHIN))).toMatchObject({ running: true, lastBeatAt: beatAt })
    expect(await status(new Date(beatAt.getTime() + WITHIN + 1000))).toMatchObject({ running: false, lastBeatAt: beatAt, lastStopped: false })
  })

  it("not when the freshest worker's last beat was its shutdown", async () => {
    await db().execute(sql`DELETE FROM worker_heartbeats`)
    await beat(db(), identity('test:b'), { scans: 4, stoppedAt: new Date().toISOString() })
    expect(await status()).toMatchObject({ running: false, lastStopped: true })
  })

  it('yes for a worker inside this process (as RUN_WORKER_IN_WEB runs it), and no once it stops', async () => {
    const worker = startWorker(app.payload)
    try {
      await waitUntil(async () => (await status())!.running, 30_000, 'the in-process worker beating')
    } finally {
      await worker.stop()
    }
    expect(await status()).toMatchObject({ running: false, lastStopped: true })
  })

  it('counts the notifications waiting, and is nothing for anyone but Ops', async () => {
    const pending = (await app.payload.count({ collection: 'reminder-logs', where: { status: { equals: 'pending' } }, overrideAccess: true })).totalDocs
    expect((await status())!.pending).toBe(pending)
    for (const email of ['alice@jobline.local', 'pat@jobline.local']) {
      expect(await workerStatusFor(app.payload, await user(email), { withinMs: WITHIN })).toBeNull()
    }
  })
})

describe('the dashboard in words', () => {
  it('with no worker: the banner says reminders are not being sent, how to start one and where the runbook says more', async () => {
    await db().execute(sql`DELETE FROM worker_heartbeats`)
    const { html, words } = await dashboard()
    expect(words).toContain('Reminders are not being sent: no worker is running')
    expect(words).toContain('No worker has run on this database yet.')
    expect(html).toContain('<code>npm run worker</code>')
    // the section exists, under the anchor the banner names
    const runbook = readFileSync(WORKER_RUNBOOK.file, 'utf8')
    expect(runbook).toContain(`\n## ${WORKER_RUNBOOK.title}\n`)
    expect(WORKER_RUNBOOK.title.toLowerCase().replace(/ /g, '-')).toBe(WORKER_RUNBOOK.anchor)
    expect(html).toContain(`in the runbook’s “${WORKER_RUNBOOK.title}”: <code>${WORKER_RUNBOOK.file}#${WORKER_RUNBOOK.anchor}</code>`)
  })

  it('with a worker beating: no banner, a line saying it runs', async () => {
    await beat(db(), identity('test:c'), { scans: 1 })
    const { html, words } = await dashboard()
    expect(html).not.toContain('data-testid="worker-banner"')
    expect(words).toMatch(/Reminder worker running: last heartbeat just now/)
  })

  it('an empty trend says how it fills: the daily snapshot after 00:00 UTC, and the backfill command', async () => {
    await db().execute(sql`DELETE FROM kpi_snapshots`)
    const { html, words } = await dashboard()
    expect(words).toContain('No snapshots yet. The trend fills from a daily snapshot the worker takes just after 00:00 UTC')
    expect(html).toContain('to fill the past 30 days now, run <code>npm run kpis:backfill</code>')
  })

  it('shows the figures in words, no key as text, colour only where a figure above zero is wrong', async () => {
    const ops = await user('ops@jobline.local')
    const toneOf = (html: string, key: string) => html.match(new RegExp(`data-tone="(\\w+)"><a [^>]*data-testid="kpi-${key}"`))?.[1]
    const { html, words } = await dashboard()
    expect(words.match(/\b[a-z]+_[a-z_]+\b/g)).toBeNull()
    const figures = [...(await fulfillmentKpis(app.payload, ops)), ...(await queueCardCounts(app.payload, ops))]
    expect(figures.map((f) => f.key)).toEqual([...KPIS, ...QUEUE_CARDS].map((f) => f.key))
    for (const f of figures) {
      expect([f.key, toneOf(html, f.key)]).toEqual([f.key, f.value > 0 ? f.aboveZero : 'neutral'])
      expect(words).toContain(f.label)
    }
  })

  it('"Reminder overdue 0" is neutral; one overdue is red and says it needs action', async () => {
    const overdueCard = (html: string) => html.slice(html.lastIndexOf('<li', html.indexOf('data-testid="kpi-reminder_overdue"')), html.indexOf('id="jl-kpi-reminder_overdue-about"'))
    await db().execute(sql`UPDATE assignments SET reminders_overdue = false`)
    let card = overdueCard((await dashboard()).html)
    expect(card).toContain('data-tone="neutral"')
    expect(card).toContain('>0</span>')
    expect(card).not.toContain('Needs action')
    await db().execute(sql`UPDATE assignments SET reminders_overdue = true WHERE id = (SELECT min(id) FROM assignments)`)
    card = overdueCard((await dashboard()).html)
    expect(card).toContain('data-tone="error"')
    expect(card).toContain('>1</span>')
    expect(card).toContain('Needs action')
  })
})
