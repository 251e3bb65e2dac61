import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { dbOf } from '../../src/db/sql'
import { runDueJobs } from '../../src/jobs/runner'
import { sweepStuckJobs } from '../../src/jobs/scan/dispatch'
import { dispatchWebhooks, WEBHOOKS_QUEUE } from '../../src/services/webhooks/dispatch'
import type { ApiClient } from './client'
import { futureWindow, pastVisit } from './lifecycleStates'

/**
 * What the worker's webhook lanes do, in this process: dispatch a job per endpoint with due deliveries and run them,
 * until no delivery of an enabled endpoint is due within `settleMs` (short test backoffs) and no job is left.
 */
export async function drainWebhooks(payload: Payload, { settleMs = 3000, timeoutMs = 90_000 } = {}): Promise<void> {
  const until = Date.now() + timeoutMs
  const db = dbOf(payload)
  let last: Record<string, unknown> = {}
  while (Date.now() < until) {
    await sweepStuckJobs(payload, { queues: [WEBHOOKS_QUEUE], leaseMs: 60_000 })
    await dispatchWebhooks(payload)
    const ran = await runDueJobs(payload, { queues: [WEBHOOKS_QUEUE], limit: 8 })
    if (ran) continue
    // due soon: each record's earliest pending delivery (a later version waits for it) of an enabled endpoint
    const { rows } = await db.execute(sql`
      SELECT (SELECT count(*)::int FROM (
          SELECT DISTINCT ON (d.endpoint_id, d.entity, d.entity_id) d.endpoint_id, d.next_attempt_at
          FROM webhook_deliveries d WHERE d.status = 'pending'
          ORDER BY d.endpoint_id, d.entity, d.entity_id, d.entity_version) h
          JOIN webhook_endpoints e ON e.id = h.endpoint_id
          WHERE e.enabled AND h.next_attempt_at <= now() + ${settleMs} * interval '1 millisecond') AS due,
        (SELECT count(*)::int FROM payload_jobs WHERE queue = ${WEBHOOKS_QUEUE} AND completed_at IS NULL AND has_error IS NOT TRUE) AS jobs`)
    if (Number(rows[0].due) === 0 && Number(rows[0].jobs) === 0) return
    last = rows[0]
    await new Promise((r) => setTimeout(r, 50))
  }
  const state = await db.execute(sql`SELECT id, endpoint_id, status, attempts, next_attempt_at, lease_until, claimed_by FROM webhook_deliveries
    WHERE status = 'pending' ORDER BY id LIMIT 20`)
  const jobs = await db.execute(sql`SELECT id, input, processing, has_error, total_tried FROM payload_jobs WHERE queue = ${WEBHOOKS_QUEUE} AND completed_at IS NULL LIMIT 10`)
  throw new Error(`webhook deliveries did not settle within ${timeoutMs} ms: ${JSON.stringify({ last, pending: state.rows, jobs: jobs.rows })}`)
}

export type HappyPath = { jobId: number; quoteId: number; assignmentId: number; payoutId: number }

/**
 * The fulfillment happy path over HTTP, as the site and the Ops console drive it: a job, a quote, acceptance, a
 * proposal and its confirmation, the visit (moved into the past: time passing), completion, verification and Ops
 * approving the manual payout. Raises quote.accepted, assignment.schedule_proposed, assignment.scheduled,
 * assignment.completed, assignment.verified and payout.approved.
 */
export async function walkHappyPath(payload: Payload, c: { customer: ApiClient; provider: ApiClient; ops: ApiClient }, n = 1): Promise<HappyPath> {
  const ok = <T extends { status: number; body: any }>(r: T, what: string, status = 200) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const job = ok(
    await c.customer.post('/api/jobs', {
      title: `Webhook job ${n}`,
      serviceAddress: { line1: `${n} Hook Street`, city: 'Boston', country: 'US' },
      timeZone: 'America/New_York',
    }),
    'post job',
    201,
  ).doc
  const quote = ok(await c.provider.post('/api/quotes', { job: job.id, amount: 12_500, currency: 'USD', message: 'Tuesday works' }), 'quote', 201).doc
  const accepted = ok(await c.customer.act(`/api/quotes/${quote.id}/accept`), 'accept')
  const assignmentId = accepted.assignment.id as number
  const window = futureWindow(100 + n)
  const proposed = ok(await c.provider.act(`/api/jobs/${job.id}/schedule`, { windows: [window] }), 'propose', 201)
  ok(await c.customer.act(`/api/assignments/${assignmentId}/schedule/confirm`, { proposalId: proposed.proposal.id, windowIndex: 0 }), 'confirm')
  // the visit happened: its window is moved into the past (the exclusion constraint wants a slot of its own)
  const past = pastVisit(200 + n)
  await dbOf(payload).execute(sql`UPDATE assignments SET scheduled_start = ${past.scheduledStart}::timestamptz,
    scheduled_end = ${past.scheduledEnd}::timestamptz WHERE id = ${assignmentId}`)
  ok(await c.provider.act(`/api/assignments/${assignmentId}/complete`, { checklist: { items: ['Fixed it'] } }), 'complete')
  const verified = ok(await c.customer.act(`/api/assignments/${assignmentId}/verify`), 'verify')
  const payoutId = verified.payout.id as number
  ok(await c.ops.act(`/api/payouts/${payoutId}/approve`, { note: 'Paid by bank transfer' }), 'approve')
  return { jobId: job.id, quoteId: quote.id, assignmentId, payoutId }
}

/** The events the app recorded since `afterId`, oldest first, as a receiver should get them. */
export const eventsSince = async (payload: Payload, afterId = 0) =>
  (
    await dbOf(payload).execute(sql`SELECT id, type, entity, entity_id, entity_version FROM events WHERE id > ${afterId} ORDER BY id`)
  ).rows.map((r) => ({ id: Number(r.id), type: String(r.type), entity: String(r.entity), entityId: Number(r.entity_id), version: Number(r.entity_version) }))

export const lastEventId = async (payload: Payload) =>
  Number((await dbOf(payload).execute(sql`SELECT coalesce(max(id), 0) AS id FROM events`)).rows[0].id)

/** A domain event row as an action would leave it (for fixtures that need a delivery of something). */
export async function anEvent(payload: Payload): Promise<{ id: number; type: string; entity: string; entityId: number; version: number }> {
  const { rows } = await dbOf(payload).execute(sql`
    INSERT INTO events (type, entity, entity_id, entity_version, actor_role, data, occurred_at, updated_at, created_at)
    VALUES ('job.cancelled', 'jobs', 1, 1000 + floor(random() * 1e9), 'system', '{"action":"cancel","from":"open","to":"cancelled"}', now(), now(), now())
    RETURNING id, type, entity, entity_id, entity_version`)
  const r = rows[0]
  return { id: Number(r.id), type: String(r.type), entity: String(r.entity), entityId: Number(r.entity_id), version: Number(r.entity_version) }
}
