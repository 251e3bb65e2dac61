/**
 * Money with Stripe configured: the real `stripe` SDK talks to a local fake (STRIPE_API_BASE) that records every
 * request and its Idempotency-Key. Captures happen once, retry with growing backoff, and failures reach Ops.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import {
  assignmentOf,
  authorize,
  givePaymentMethod,
  letVisitStart,
  makeAssignment,
  payoutOf,
  runDueJobs,
  runJobsUntil,
} from '../helpers/paymentFixtures'
import { StripeFake } from '../helpers/stripeFake'
import { captureFailedTotal } from '../../src/services/payments/metrics'

const RETRY_BASE_MS = 2000
// a busy 2-core machine can put a few hundred ms between computing a retry time and stamping its row
const SLACK_MS = 300
const MAX_ATTEMPTS = 3

let app: TestApp
let world: World
let fake: StripeFake

beforeAll(async () => {
  fake = await StripeFake.start()
  app = await startTestApp({
    env: {
      STRIPE_SECRET_KEY: 'sk_test_jobline',
      STRIPE_API_BASE: fake.url,
      CAPTURE_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      CAPTURE_RETRY_BASE_MS: String(RETRY_BASE_MS),
      AUTO_VERIFY_DAYS: '3',
    },
  })
  world = await seedWorld(app.payload, app.baseUrl)
  await givePaymentMethod(app.payload, world.ids.customerA)
  await givePaymentMethod(app.payload, world.ids.customerB)
})
afterAll(async () => {
  await app?.close()
  await fake?.close()
})
beforeEach(() => fake.reset())

/** A completed assignment of customer A and provider 1 whose card is held at the fake. */
async function completedAndAuthorized() {
  const made = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'completed' })
  const auth = await authorize(app.payload, made.assignmentId)
  if (auth.status !== 'authorized') throw new Error(`authorisation failed: ${JSON.stringify(auth)}`)
  return { ...made, paymentIntentId: auth.paymentIntentId }
}

const settled = (assignmentId: number) => async () => {
  const [payout] = await payoutOf(app.payload, assignmentId)
  return !!payout && payout.status !== 'capture_pending'
}

const opsAlerts = (assignmentId: number, kind: string) =>
  app.payload.find({
    collection: 'reminder-logs',
    where: { and: [{ assignment: { equals: assignmentId } }, { kind: { equals: kind } }, { recipient: { equals: world.ids.ops } }] },
    overrideAccess: true,
    depth: 0,
  })

const captureJobs = async (payoutId: number) =>
  (
    await app.payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'capturePayment' } }, sort: 'createdAt', limit: 1000, overrideAccess: true, depth: 0 })
  ).docs.filter((j) => (j.input as { payoutId?: number })?.payoutId === payoutId)

describe('the whole path: accept → schedule → complete → verify → capture', () => {
  it('holds the card once, then captures exactly once with the stored key', async () => {
    const { clients, ids } = world
    const job = await clients.customerA.post('/api/jobs', {
      title: 'Replace bathroom fan',
      serviceAddress: { line1: '9 Fan Lane', city: 'New York', country: 'US' },
      timeZone: 'America/New_York',
    })
    expect(job.status).toBe(201)
    const jobId = job.body.doc.id
    const quote = await clients.provider1.post('/api/quotes', { job: jobId, amount: 31_500, currency: 'USD' })
    expect(quote.status).toBe(201)
    const accepted = await clients.customerA.act(`/api/quotes/${quote.body.doc.id}/accept`)
    expect(accepted.status).toBe(200)
    const assignmentId: number = accepted.body.assignment.id

    // Acceptance holds the card through PaymentsService.authorizeForAssignment; calling it again is a no-op, so the
    // test holds regardless of whether acceptance already did it.
    const auth = await authorize(app.payload, assignmentId)
    expect(['authorized', 'already_authorized']).toContain(auth.status)
    expect(fake.authorizations()).toHaveLength(1)
    const [authorization] = fake.authorizations()
    expect(authorization.idempotencyKey).toBe(`authorize:${assignmentId}`)
    expect(authorization.body).toMatchObject({ amount: '31500', currency: 'usd', capture_method: 'manual', confirm: 'true', payment_method: 'pm_card_visa' })
    const held = await assignmentOf(app.payload, assignmentId)
    expect(held.payment?.paymentIntentId).toMatch(/^pi_fake_/)
    expect(new Date(held.payment!.authorizationExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000)

    const start = new Date(Date.now() + 3 * 24 * 3_600_000)
    start.setUTCHours(15, 0, 0, 0)
    const end = new Date(start.getTime() + 2 * 3_600_000)
    const proposal = await clients.provider1.act(`/api/jobs/${jobId}/schedule`, { windows: [{ start: start.toISOString(), end: end.toISOString() }] })
    expect(proposal.status).toBe(201)
    const confirmed = await clients.customerA.act(`/api/assignments/${assignmentId}/schedule/confirm`, {
      proposalId: proposal.body.proposal.id,
      windowIndex: 0,
      version: proposal.body.assignment.version,
    })
    expect(confirmed.status).toBe(200)

    await letVisitStart(app.payload, assignmentId)
    const completed = await clients.provider1.act(`/api/assignments/${assignmentId}/complete`, {
      checklist: { items: ['Fan replaced', 'Tested'], note: 'Old fan taken away.' },
    })
    expect(completed.status).toBe(200)
    expect(completed.body.assignment.status).toBe('completed')

    const verified = await clients.customerA.act(`/api/assignments/${assignmentId}/verify`)
    expect(verified.status).toBe(200)
    expect(verified.body.assignment.status).toBe('verified')
    expect(verified.body.payout).toMatchObject({ status: 'capture_pending', method: 'stripe', amount: 31_500 })
    // the key is Ops-only: the customer's answer does not carry it, the record does
    expect(verified.body.payout.idempotencyKey).toBeUndefined()
    expect((await payoutOf(app.payload, assignmentId))[0].idempotencyKey).toBe(`capture:${assignmentId}`)
    expect(fake.captures()).toHaveLength(0) // nothing is captured inside the request

    await runJobsUntil(app.payload, settled(assignmentId))
    const [payout] = await payoutOf(app.payload, assignmentId)
    expect(payout).toMatchObject({ status: 'captured', attempts: 1, lastError: null })
    const after = await assignmentOf(app.payload, assignmentId)
    expect(after.payoutStatus).toBe('captured')
    expect(after.timestamps?.paidAt).toBeTruthy()
    const jobAfter = await app.payload.findByID({ collection: 'jobs', id: jobId, overrideAccess: true, depth: 0 })
    expect(jobAfter.status).toBe('completed')

    expect(fake.captures()).toHaveLength(1)
    expect(fake.captures()[0].idempotencyKey).toBe(`capture:${assignmentId}`)
    expect(fake.captures()[0].path).toBe(`/v1/payment_intents/${held.payment!.paymentIntentId}/capture`)
    expect(fake.intents.get(held.payment!.paymentIntentId!)?.status).toBe('succeeded')

    const audit = await app.payload.find({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'payouts' } }, { entityId: { equals: String(payout.id) } }] },
      sort: 'at',
      overrideAccess: true,
      depth: 0,
    })
    expect(audit.docs.map((e) => [e.action, e.toState, e.actorRole])).toEqual([
      ['create', 'capture_pending', 'system'],
      ['captureSucceeded', 'captured', 'system'],
    ])
    expect(ids.ops).toBeGreaterThan(0)
  })
})

describe('capture retries', () => {
  it('Stripe answers 500, 500, then 200: one capture, the same Idempotency-Key each time, growing backoff', async () => {
    const { assignmentId, paymentIntentId } = await completedAndAuthorized()
    fake.captureScript = [500, 500, 200]
    expect((await world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`)).status).toBe(200)

    await runJobsUntil(app.payload, settled(assignmentId))
    const [payout] = await payoutOf(app.payload, assignmentId)
    expect(payout).toMatchObject({ status: 'captured', attempts: 3 })
    expect(fake.captures(paymentIntentId).map((r) => [r.status, r.idempotencyKey])).toEqual([
      [500, `capture:${assignmentId}`],
      [500, `capture:${assignmentId}`],
      [200, `capture:${assignmentId}`],
    ])
    expect(fake.executedCaptures(paymentIntentId)).toHaveLength(1)

    // each retry is a queued job that waits (no process sleeps): base, then twice the base, ±20% jitter
    const jobs = await captureJobs(payout.id)
    expect(jobs).toHaveLength(3)
    expect(jobs[0].waitUntil ?? null).toBeNull()
    const delays = jobs.slice(1).map((j) => new Date(j.waitUntil!).getTime() - new Date(j.createdAt).getTime())
    expect(delays[0]).toBeGreaterThanOrEqual(RETRY_BASE_MS * 0.8 - SLACK_MS)
    expect(delays[0]).toBeLessThanOrEqual(RETRY_BASE_MS * 1.2 + SLACK_MS)
    expect(delays[1]).toBeGreaterThanOrEqual(RETRY_BASE_MS * 2 * 0.8 - SLACK_MS)
    expect(delays[1]).toBeLessThanOrEqual(RETRY_BASE_MS * 2 * 1.2 + SLACK_MS)
    expect(delays[1]).toBeGreaterThan(delays[0])
    // and the attempts really were spaced out
    const at = fake.captures(paymentIntentId).map((r) => r.at)
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(RETRY_BASE_MS * 0.8 - SLACK_MS)
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(RETRY_BASE_MS * 1.6 - SLACK_MS)
  })

  it('a dropped connection is retried like a 5xx', async () => {
    const { assignmentId, paymentIntentId } = await completedAndAuthorized()
    // the SDK itself resends once on a closed connection (same key); when that drops too, our attempt fails and retries
    fake.captureScript = ['network', 'network', 200]
    expect((await world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`)).status).toBe(200)
    await runJobsUntil(app.payload, settled(assignmentId))
    expect((await payoutOf(app.payload, assignmentId))[0]).toMatchObject({ status: 'captured', attempts: 2 })
    expect(fake.captures(paymentIntentId)).toHaveLength(3)
    expect(new Set(fake.captures(paymentIntentId).map((r) => r.idempotencyKey))).toEqual(new Set([`capture:${assignmentId}`]))
    expect(fake.executedCaptures(paymentIntentId)).toHaveLength(1)
  })

  it('after the last attempt the payout fails, Ops is alerted, and Ops can retry it with the same key', async () => {
    const failedBefore = await captureFailedTotal(app.payload)
    const { assignmentId, paymentIntentId } = await completedAndAuthorized()
    fake.captureScript = [500, 500, 500]
    expect((await world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`)).status).toBe(200)
    await runJobsUntil(app.payload, settled(assignmentId))

    const [payout] = await payoutOf(app.payload, assignmentId)
    expect(payout).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null })
    expect(payout.lastError).toMatch(/^retryable: 500/)
    expect(payout.manualReason).toMatch(/retry the capture/i)
    expect(fake.captures(paymentIntentId)).toHaveLength(MAX_ATTEMPTS)
    expect((await assignmentOf(app.payload, assignmentId)).payoutStatus).toBe('failed')
    expect((await opsAlerts(assignmentId, 'capture_failed')).docs).toHaveLength(1)
    expect(await captureFailedTotal(app.payload)).toBe(failedBefore + 1)
    await runDueJobs(app.payload)
    expect(fake.captures(paymentIntentId)).toHaveLength(MAX_ATTEMPTS) // nothing more happens on its own

    // only Ops may retry
    expect((await world.clients.provider1.act(`/api/payouts/${payout.id}/retry-capture`)).status).toBe(403)
    expect((await world.clients.customerA.act(`/api/payouts/${payout.id}/retry-capture`)).status).toBe(403)
    const retried = await world.clients.ops.act(`/api/payouts/${payout.id}/retry-capture`)
    expect(retried.status).toBe(200)
    expect(retried.body.payout).toMatchObject({ status: 'capture_pending', attempts: 0 })
    // a second retry while one is pending is refused
    expect((await world.clients.ops.act(`/api/payouts/${payout.id}/retry-capture`)).status).toBe(409)

    await runJobsUntil(app.payload, settled(assignmentId))
    expect((await payoutOf(app.payload, assignmentId))[0]).toMatchObject({ status: 'captured', lastError: null })
    expect(fake.captures(paymentIntentId)).toHaveLength(MAX_ATTEMPTS + 1)
    expect(new Set(fake.captures(paymentIntentId).map((r) => r.idempotencyKey))).toEqual(new Set([`capture:${assignmentId}`]))
    expect(fake.executedCaptures(paymentIntentId)).toHaveLength(1)
    expect(await captureFailedTotal(app.payload)).toBe(failedBefore + 1) // a total: it never goes down
  })
})

describe('concurrency', () => {
  it('two verifies sent at once yield one verification, one payout and one capture', async () => {
    const { assignmentId, paymentIntentId } = await completedAndAuthorized()
    const replies = await Promise.all([
      world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`),
      world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`),
    ])
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409])
    await runJobsUntil(app.payload, settled(assignmentId))
    expect(await payoutOf(app.payload, assignmentId)).toHaveLength(1)
    expect(fake.captures(paymentIntentId)).toHaveLength(1)
    expect(fake.executedCaptures(paymentIntentId)).toHaveLength(1)
    const verifications = await app.payload.count({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'assignments' } }, { entityId: { equals: String(assignmentId) } }, { action: { equals: 'verify' } }] },
      overrideAccess: true,
    })
    expect(verifications.totalDocs).toBe(1)
  })

  it('two capture jobs for one payout call Stripe once', async () => {
    const { assignmentId, paymentIntentId } = await completedAndAuthorized()
    expect((await world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`)).status).toBe(200)
    const [payout] = await payoutOf(app.payload, assignmentId)
    await app.payload.jobs.queue({ task: 'capturePayment', input: { payoutId: payout.id } }) // a duplicate
    await runJobsUntil(app.payload, settled(assignmentId))
    await runDueJobs(app.payload)
    expect(fake.captures(paymentIntentId)).toHaveLength(1)
  })
})

describe('an authorisation that is no longer capturable', () => {
  it('fails the payout with the reason, alerts Ops, and is not retried', async () => {
    const { assignmentId, paymentIntentId } = await completedAndAuthorized()
    fake.expire(paymentIntentId)
    expect((await world.clients.customerA.act(`/api/assignments/${assignmentId}/verify`)).status).toBe(200)
    await runJobsUntil(app.payload, settled(assignmentId))
    await runDueJobs(app.payload)

    const [payout] = await payoutOf(app.payload, assignmentId)
    expect(payout).toMatchObject({ status: 'failed', attempts: 1 })
    expect(payout.lastError).toMatch(/^not_capturable: 400 payment_intent_unexpected_state .*status of canceled/)
    expect(payout.manualReason).toMatch(/no longer capture/i)
    expect(fake.captures(paymentIntentId)).toHaveLength(1)
    expect(await captureJobs(payout.id)).toHaveLength(1)

    const alerts = await opsAlerts(assignmentId, 'capture_failed')
    expect(alerts.docs).toHaveLength(1)
    expect(alerts.docs[0].body).toContain('payment_intent_unexpected_state')

    // Ops cannot retry it blindly…
    const retry = await world.clients.ops.act(`/api/payouts/${payout.id}/retry-capture`)
    expect(retry.status).toBe(409)
    expect(retry.body.errors[0].message).toMatch(/no longer capturable/)
    expect(fake.captures(paymentIntentId)).toHaveLength(1)
    // …but can settle it by hand: approving is for payouts under review, so it goes to review first
    expect((await world.clients.ops.act(`/api/payouts/${payout.id}/approve`, { note: 'Too early' })).status).toBe(409)
    const reviewing = await world.clients.ops.act(`/api/payouts/${payout.id}/send-to-review`, { note: 'Settling by hand.' })
    expect(reviewing.body.payout).toMatchObject({ status: 'pending_review' })
    const approved = await world.clients.ops.act(`/api/payouts/${payout.id}/approve`, { note: 'Customer paid by bank transfer.' })
    expect(approved.status).toBe(200)
    expect(approved.body.payout).toMatchObject({ status: 'approved', reviewedBy: world.ids.ops })
    expect(fake.captures(paymentIntentId)).toHaveLength(1)
  })
})

describe('rejection releases the card hold', () => {
  it('cancels the PaymentIntent once, after the rejection commits', async () => {
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider2, status: 'scheduled' })
    const auth = await authorize(app.payload, made.assignmentId)
    expect(auth.status).toBe('authorized')
    const paymentIntentId = (auth as { paymentIntentId: string }).paymentIntentId

    const rejected = await world.clients.provider2.act(`/api/assignments/${made.assignmentId}/reject`, { reason: 'Van broke down.' })
    expect(rejected.status).toBe(200)
    expect(rejected.body.authorizationReleased).toBe(true)
    expect(fake.cancels(paymentIntentId)).toHaveLength(0) // not inside the request
    await runJobsUntil(app.payload, async () => !!(await assignmentOf(app.payload, made.assignmentId)).payment?.releasedAt)
    expect(fake.cancels(paymentIntentId).map((r) => [r.status, r.idempotencyKey])).toEqual([[200, `release:${made.assignmentId}`]])
    expect(fake.intents.get(paymentIntentId)?.status).toBe('canceled')
    expect(fake.captures(paymentIntentId)).toHaveLength(0)
  })
})

describe('authorisation at acceptance', () => {
  it('a declined card is a 402 for the customer to fix', async () => {
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'pending_schedule' })
    fake.authorizeScript = ['card_declined']
    await expect(authorize(app.payload, made.assignmentId)).rejects.toMatchObject({ status: 402 })
    expect((await assignmentOf(app.payload, made.assignmentId)).payment?.paymentIntentId ?? null).toBeNull()
  })

  it('a Stripe outage does not block the job: no hold, and the payout later goes to Ops', async () => {
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'completed' })
    fake.authorizeScript = [500]
    expect((await authorize(app.payload, made.assignmentId)).status).toBe('not_authorized')
    const verified = await world.clients.customerA.act(`/api/assignments/${made.assignmentId}/verify`)
    expect(verified.status).toBe(200)
    expect(verified.body.payout).toMatchObject({ status: 'pending_review', method: 'manual' })
    // why it needs Ops is Ops' business: on the record, not in the customer's answer
    expect(verified.body.payout.manualReason).toBeUndefined()
    expect((await payoutOf(app.payload, made.assignmentId))[0].manualReason).toMatch(/No card authorisation/)
    expect((await opsAlerts(made.assignmentId, 'payout_pending_review')).docs).toHaveLength(1)
    expect(fake.captures()).toHaveLength(0)
  })
})

describe('the payments sweep', () => {
  it('warns Ops once before a hold lapses', async () => {
    fake.captureWindowSeconds = 12 * 3600 // Stripe says this hold must be captured within 12 hours
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'scheduled' })
    const auth = await authorize(app.payload, made.assignmentId)
    fake.captureWindowSeconds = 7 * 24 * 3600
    expect(auth.status).toBe('authorized')
    const expiresAt = new Date((await assignmentOf(app.payload, made.assignmentId)).payment!.authorizationExpiresAt!)
    expect(expiresAt.getTime()).toBeLessThan(Date.now() + 13 * 3_600_000) // capture_before wins over created + 7 days

    for (let i = 0; i < 2; i++) {
      await app.payload.jobs.queue({ task: 'authorizationWatch', input: {} })
      await runDueJobs(app.payload)
    }
    expect((await opsAlerts(made.assignmentId, 'authorization_expiring')).docs).toHaveLength(1)
    expect((await assignmentOf(app.payload, made.assignmentId)).payment?.expiryWarnedAt).toBeTruthy()
  })

  it('AUTO_VERIFY_DAYS: a completed job left alone is verified by the system, and its payout starts', async () => {
    const due = await makeAssignment(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider1, status: 'completed', completedDaysAgo: 4 })
    const notYet = await makeAssignment(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider1, status: 'completed', completedDaysAgo: 1 })
    await authorize(app.payload, due.assignmentId)
    await app.payload.jobs.queue({ task: 'autoVerify', input: {} })
    await runJobsUntil(app.payload, settled(due.assignmentId))

    expect((await assignmentOf(app.payload, due.assignmentId)).status).toBe('verified')
    expect((await assignmentOf(app.payload, notYet.assignmentId)).status).toBe('completed')
    const audit = await app.payload.find({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'assignments' } }, { entityId: { equals: String(due.assignmentId) } }, { action: { equals: 'verify' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(audit.docs.map((e) => [e.actorRole, e.actor ?? null])).toEqual([['system', null]])
    expect((await payoutOf(app.payload, due.assignmentId))[0]).toMatchObject({ status: 'captured' })
  })
})
