/**
 * Fault: a transaction held open beside the worker (a forgotten psql session, a long report): vacuum can remove no row
 * version newer than it, so every claim, `sent` update and queue row of the bursts meanwhile stays as a dead tuple.
 * One worker sends a burst with nothing held open (the baseline), then a burst at a fixed interval while the
 * transaction is open; each must go out within 2× the baseline's time, with nothing lost, doubled or stalled.
 *
 * Long form (FAULT_FULL=1): held 5 minutes, a burst of 5,000 every 30 s. Short form (`npm test`): held 45 s, a burst of
 * 1,500 every 5 s — the same eight or more bursts against a held horizon, each still six claim batches and sixty send
 * groups. Autovacuum wakes once a minute, so a 45 s hold might never meet it; the test therefore vacuums the tables
 * the bursts write after each burst itself (in both forms) and checks that the dead row versions stayed: what makes
 * the hold hurt is that nothing can be removed, not how long it lasted.
 */
import { expect, it, jest } from '@jest/globals'
import pg from 'pg'

import { dueVisits, faultForm, outcome, report, startBurstWorker, stopAll, stuckJobs, tally, useFaultWorld } from '../helpers/burst'
import { waitUntil, type WorkerProcess } from '../helpers/workerProcess'

jest.setTimeout(900_000)

const { REMINDERS, HOLD_MS, EVERY_MS } = faultForm(
  { REMINDERS: 1500, HOLD_MS: 45_000, EVERY_MS: 5_000 },
  { REMINDERS: 5000, HOLD_MS: 5 * 60_000, EVERY_MS: 30_000 },
)
/** The tables a burst writes row versions to: what autovacuum would try to clean while the transaction is held. */
const BURST_TABLES = ['reminder_logs', 'payload_jobs']

const world = useFaultWorld('longtxn')

it(`a transaction open for ${HOLD_MS / 1000} s: every burst of ${REMINDERS} meanwhile within 2× the time of one without`, async () => {
  const { app, mail, customerId } = world()
  const worker: WorkerProcess = startBurstWorker(mail, app.databaseUri)
  await worker.waitFor('worker.started')
  /** Plans a burst and resolves to the seconds until all of it was sent, checked at the mail server. */
  const burst = async (batch: string) => {
    const started = Date.now()
    await dueVisits(app.payload, customerId, batch, REMINDERS / 2)
    await waitUntil(async () => (await outcome(app.payload, batch)).sent === REMINDERS, 300_000, `${batch} sent`)
    const seconds = (Date.now() - started) / 1000
    const counted = await tally(app.payload, mail, batch, REMINDERS)
    mail.messages.length = 0 // counted: keep the test process small over fifty thousand messages
    return { seconds, lost: counted.lost, duplicates: counted.duplicates }
  }
  const holder = new pg.Client({ connectionString: app.databaseUri })
  const vacuumer = new pg.Client({ connectionString: app.databaseUri })
  /** Vacuums the burst tables, as autovacuum would, and answers the dead row versions it had to leave. */
  const vacuum = async () => {
    await vacuumer.query(`VACUUM ${BURST_TABLES.join(', ')}`)
    const { rows } = await vacuumer.query(`SELECT coalesce(sum(n_dead_tup), 0)::int AS dead FROM pg_stat_user_tables WHERE relname = ANY($1)`, [BURST_TABLES])
    return rows[0].dead as number
  }
  let deadKept = 0
  const held: Awaited<ReturnType<typeof burst>>[] = []
  let baseline: Awaited<ReturnType<typeof burst>>
  let horizonHeld = false
  try {
    baseline = await burst('baseline')
    await vacuumer.connect()
    await holder.connect()
    await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    await holder.query('SELECT count(*) FROM reminder_logs') // takes its snapshot: the xmin horizon stops here
    const openedAt = Date.now()
    for (let n = 1; Date.now() - openedAt < HOLD_MS - EVERY_MS; n++) {
      const due = openedAt + n * EVERY_MS
      held.push(await burst(`held${n}`))
      deadKept = await vacuum()
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())))
    }
    const { rows } = await holder.query(
      `SELECT backend_xmin IS NOT NULL AS holds FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    )
    horizonHeld = rows[0]?.holds === true && Date.now() - openedAt >= HOLD_MS - EVERY_MS
    await waitUntil(async () => Date.now() - openedAt >= HOLD_MS, HOLD_MS, 'the hold to end')
    await holder.query('ROLLBACK')
    await waitUntil(async () => (await stuckJobs(app.payload)).length === 0, 60_000, 'no job left processing')
  } finally {
    await holder.end().catch(() => {})
    await vacuumer.end().catch(() => {})
    await stopAll([worker])
  }
  const slowest = Math.max(...held.map((h) => h.seconds))
  report('long-transaction', {
    reminders: REMINDERS,
    baselineSeconds: baseline!.seconds,
    heldSeconds: held.map((h) => h.seconds),
    worstRatio: Math.round((slowest / baseline!.seconds) * 100) / 100,
    deadRowVersionsKept: deadKept,
    lost: [baseline!, ...held].reduce((n, h) => n + h.lost, 0),
    duplicates: [baseline!, ...held].reduce((n, h) => n + h.duplicates, 0),
  })
  expect(horizonHeld).toBe(true)
  // vacuum could remove none of the bursts' row versions: at least one dead version per reminder sent meanwhile
  expect(deadKept).toBeGreaterThanOrEqual(held.length * REMINDERS)
  expect(held.length).toBeGreaterThanOrEqual(8)
  expect(slowest).toBeLessThanOrEqual(2 * baseline!.seconds)
  for (const h of [baseline!, ...held]) expect(h).toMatchObject({ lost: 0, duplicates: 0 })
})
