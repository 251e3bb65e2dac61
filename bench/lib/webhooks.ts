import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { sql } from '@payloadcms/db-postgres'

import type { TestApp } from '../../tests/helpers/app'
import { drizzle } from './generate'
import { load } from './load'

type Report = (figure: string, value: number, unit: string, baseline: number, baseUnit: string, target?: { max?: number; min?: number; on: 'ratio' | 'value' }) => void

/** A receiver on 127.0.0.1 that answers 200 at once and counts what it got. */
async function countingReceiver() {
  let received = 0
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      received++
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * Webhook delivery end to end: `deliveries` deliveries (events of distinct records, spread over `endpoints`
 * endpoints, each a local receiver) are written at once while real `npm run worker` processes run (1, then 2;
 * WEBHOOK_CONCURRENCY=4 lanes each); timed on the database clock from the first delivery queued to the last recorded
 * delivered — claim, event read, signing, the POST, the outcome and attempt rows. Baseline: the same number of POSTs
 * sent straight to the receiver from this process with node:http, 16 at a time over keep-alive connections (what
 * the receiver and the loopback can take, with nothing recorded).
 */
export async function benchWebhooks(app: TestApp, { report, deliveries = 10_000, endpoints = 4 }: { report: Report; deliveries?: number; endpoints?: number }) {
  const { spawnWorker } = await import('../../tests/helpers/workerProcess')
  const db = drizzle(app.payload)
  const receiver = await countingReceiver()
  const endpointIds: number[] = []
  for (let i = 0; i < endpoints; i++) {
    const e = await app.payload.create({ collection: 'webhook-endpoints', data: { url: receiver.url, events: ['*'], description: `bench ${i}` }, overrideAccess: true })
    endpointIds.push(e.id)
  }
  const perEndpoint = Math.ceil(deliveries / endpoints)
  const env = {
    DATABASE_URI: app.databaseUri,
    SMTP_URL: '',
    REMINDER_WORKER_ENABLED: 'true',
    REMINDER_POLL_INTERVAL_MS: '1000',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOK_POLL_INTERVAL_MS: '200',
    WEBHOOK_CONCURRENCY: process.env.BENCH_WEBHOOK_CONCURRENCY ?? '4',
    JOBLINE_LOGS: '0',
    LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn',
  }
  const results: Record<number, number> = {}
  let round = 0
  try {
    for (const workers of [1, 2]) {
      round++
      console.log(`bench: webhook delivery, ${perEndpoint * endpoints} deliveries to ${endpoints} endpoints, ${workers} worker(s)`)
      const procs = Array.from({ length: workers }, () => spawnWorker(env))
      try {
        const until = Date.now() + 180_000
        for (;;) {
          const { rows } = await db.execute(sql`SELECT count(DISTINCT pid)::int AS n FROM worker_heartbeats WHERE pid = ANY(${sql.param(procs.map((w) => w.pid))}::int[])`)
          if (Number(rows[0].n) === procs.length) break
          if (Date.now() > until) throw new Error(`workers did not start:\n${procs.map((w) => w.output().slice(-2000)).join('\n')}`)
          await new Promise((r) => setTimeout(r, 100))
        }
        // distinct records, so nothing waits for an earlier version: the figure is throughput, not ordering
        const base = round * 10_000_000
        const { rows: span } = await db.execute(sql`WITH e AS (
          INSERT INTO events (type, entity, entity_id, entity_version, actor_role, data, occurred_at, updated_at, created_at)
          SELECT 'assignment.completed', 'assignments', ${base} + g, 4, 'system',
            jsonb_build_object('action', 'complete', 'from', 'scheduled', 'to', 'completed',
              'assignment', jsonb_build_object('id', ${base} + g, 'status', 'completed', 'version', 4, 'timeZone', 'America/New_York',
                'completionChecklist', jsonb_build_object('items', jsonb_build_array('Replaced the fixture', 'Tested it')))),
            now(), now(), now()
          FROM generate_series(1, ${perEndpoint}) g RETURNING id)
          SELECT min(id) AS lo, max(id) AS hi FROM e`)
        await db.execute(sql`
          INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, entity, entity_id, entity_version, status, attempts,
            queued_at, next_attempt_at, updated_at, created_at)
          SELECT ep, ev.id, ev.type, ev.entity, ev.entity_id, ev.entity_version, 'pending', 0, clock_timestamp(), now(), now(), clock_timestamp()
          FROM events ev CROSS JOIN unnest(${sql.param(endpointIds)}::int[]) AS ep
          WHERE ev.id BETWEEN ${span[0].lo} AND ${span[0].hi}`)
        const total = perEndpoint * endpoints
        const deadline = Date.now() + 600_000
        const delivered = async () =>
          Number((await db.execute(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered' AND event_id BETWEEN ${span[0].lo} AND ${span[0].hi}`)).rows[0].n)
        while ((await delivered()) < total) {
          if (Date.now() > deadline) throw new Error(`webhooks did not finish: ${await delivered()} of ${total} delivered`)
          await new Promise((r) => setTimeout(r, 250))
        }
        const { rows: timing } = await db.execute(sql`
          SELECT extract(epoch FROM max(delivered_at) - min(created_at)) * 1000 AS ms, max(attempts)::int AS attempts
          FROM webhook_deliveries WHERE event_id BETWEEN ${span[0].lo} AND ${span[0].hi}`)
        results[workers] = Number(timing[0].ms)
        console.log(`  ${workers} worker(s): ${total} delivered in ${(results[workers] / 1000).toFixed(2)} s (most attempts for one: ${timing[0].attempts})`)
      } finally {
        for (const w of procs) w.child.kill('SIGTERM')
        await Promise.all(procs.map((w) => w.exited))
      }
    }
    const total = perEndpoint * endpoints
    const body = JSON.stringify({ id: 1, type: 'assignment.completed', createdAt: new Date().toISOString(), data: { id: 1, status: 'completed', version: 4 } })
    // the same transport the sender uses: node:http over keep-alive connections
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
    const post = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(receiver.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        })
        req.on('error', reject)
        req.end(body)
      })
    const raw = await load(total, 16, post)
    agent.destroy()
    const rawMs = (total / raw.rps) * 1000
    for (const workers of [1, 2]) {
      report(
        `webhook delivery, ${workers} worker(s), queued → all delivered: ${(total / (results[workers] / 1000)).toFixed(0)} deliveries/s to a local receiver`,
        results[workers],
        'ms',
        rawMs,
        'ms (plain POSTs, 16 at a time)',
      )
    }
    console.log(`  the receiver got ${receiver.received()} requests in all`)
  } finally {
    await receiver.close()
  }
}
