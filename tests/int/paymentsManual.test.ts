/**
 * Money without Stripe keys (lower environments): nothing breaks, verified jobs create payouts for Ops to review, and
 * Ops approves or rejects each exactly once. STRIPE_API_BASE points at the fake only to prove Stripe is never called.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { assignmentOf, givePaymentMethod, makeAssignment, payoutOf } from '../helpers/paymentFixtures'
import { StripeFake } from '../helpers/stripeFake'

let app: TestApp
let world: World
let fake: StripeFake
let warn: { mock: { calls: unknown[][] }; mockRestore: () => void }
let paintId: number
let seededPayoutId: number

beforeAll(async () => {
  fake = await StripeFake.start()
  app = await startTestApp({ env: { STRIPE_SECRET_KEY: '', STRIPE_API_BASE: fake.url } })
  world = await seedWorld(app.payload, app.baseUrl)
  await givePaymentMethod(app.payload, world.ids.customerA) // a saved card changes nothing without keys
  warn = jest.spyOn(app.payload.logger, 'warn') as unknown as typeof warn
  const paint = await app.payload.find({ collection: 'jobs', where: { title: { equals: 'Paint the hallway' } }, overrideAccess: true, depth: 0 })
  paintId = (await app.payload.find({ collection: 'assignments', where: { job: { equals: paint.docs[0].id } }, overrideAccess: true, depth: 0 })).docs[0].id
  seededPayoutId = (await app.payload.find({ collection: 'payouts', where: { status: { equals: 'pending_review' } }, overrideAccess: true, depth: 0 })).docs[0].id
})
afterAll(async () => {
  warn?.mockRestore()
  await app?.close()
  await fake?.close()
})

const snapshot = async (payoutId: number) => {
  const payout = await app.payload.findByID({ collection: 'payouts', id: payoutId, overrideAccess: true, depth: 0 })
  const assignment = await assignmentOf(app.payload, Number(payout.assignment))
  const audit = await app.payload.count({ collection: 'audit-events', overrideAccess: true })
  return JSON.stringify({ payout, assignment, audit: audit.totalDocs })
}

const keyWarnings = () =>
  warn.mock.calls.filter((args) => args.some((a) => typeof a === 'string' && a.includes('STRIPE_SECRET_KEY is not set'))).length

describe('verification without Stripe keys', () => {
  it('creates a pending_review manual payout, notifies Ops, warns once, and calls Stripe zero times', async () => {
    const verified = await world.clients.customerA.act(`/api/assignments/${paintId}/verify`)
    expect(verified.status).toBe(200)
    expect(verified.body.assignment).toMatchObject({ status: 'verified', payoutStatus: 'pending_review' })
    expect(verified.body.assignment.timestamps.customerVerifiedAt).toBeTruthy()
    expect(verified.body.payout).toMatchObject({
      status: 'pending_review',
      method: 'manual',
      amount: 45_000,
      currency: 'USD',
    })
    // Stripe ids, keys and the reason it needs Ops are Ops-only: not in the customer's answer, but on the record
    expect(Object.keys(verified.body.payout)).not.toEqual(expect.arrayContaining(['idempotencyKey', 'paymentIntentId', 'manualReason']))
    const [stored] = (await app.payload.find({ collection: 'payouts', where: { id: { equals: verified.body.payout.id } }, overrideAccess: true })).docs
    expect(stored).toMatchObject({ idempotencyKey: null, paymentIntentId: null })
    expect(stored.manualReason).toMatch(/No Stripe keys/)

    const alerts = await app.payload.find({
      collection: 'reminder-logs',
      where: { and: [{ assignment: { equals: paintId } }, { kind: { equals: 'payout_pending_review' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(alerts.docs.map((d) => d.recipient)).toEqual([world.ids.ops])
    expect(keyWarnings()).toBe(1)

    // a second verification in the same process does not warn again
    const other = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'completed' })
    expect((await world.clients.customerA.act(`/api/assignments/${other.assignmentId}/verify`)).status).toBe(200)
    expect((await payoutOf(app.payload, other.assignmentId))[0]).toMatchObject({ status: 'pending_review', method: 'manual' })
    expect(keyWarnings()).toBe(1)

    await app.payload.jobs.run({ limit: 100, silent: true })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('Ops reviews payouts', () => {
  it('approves once; a second approval is a 409 that changes nothing', async () => {
    const [payout] = await payoutOf(app.payload, paintId)
    const approved = await world.clients.ops.act(`/api/payouts/${payout.id}/approve`, { note: 'Paid by bank transfer.' })
    expect(approved.status).toBe(200)
    expect(approved.body.payout).toMatchObject({ status: 'approved', reviewedBy: world.ids.ops, note: 'Paid by bank transfer.' })
    expect(approved.body.payout.reviewedAt).toBeTruthy()
    const assignment = await assignmentOf(app.payload, paintId)
    expect(assignment.payoutStatus).toBe('approved')
    expect(assignment.timestamps?.paidAt).toBeTruthy()

    const audit = await app.payload.find({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'payouts' } }, { entityId: { equals: String(payout.id) } }, { action: { equals: 'approve' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(audit.docs.map((e) => [e.fromState, e.toState, e.actorRole, e.actor])).toEqual([['pending_review', 'approved', 'ops', world.ids.ops]])
    const told = await app.payload.find({
      collection: 'reminder-logs',
      where: { and: [{ assignment: { equals: paintId } }, { kind: { equals: 'payout_reviewed' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(told.docs.map((d) => d.recipient)).toEqual([world.ids.provider2]) // quinn, the provider

    const before = await snapshot(payout.id)
    const again = await world.clients.ops.act(`/api/payouts/${payout.id}/approve`)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/approve a payout that is approved/)
    expect((await world.clients.ops.act(`/api/payouts/${payout.id}/reject`, { note: 'Changed my mind' })).status).toBe(409)
    expect(await snapshot(payout.id)).toBe(before)
  })

  it('two approvals at once approve once', async () => {
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider1, status: 'completed' })
    expect((await world.clients.customerB.act(`/api/assignments/${made.assignmentId}/verify`)).status).toBe(200)
    const [payout] = await payoutOf(app.payload, made.assignmentId)
    const replies = await Promise.all([
      world.clients.ops.act(`/api/payouts/${payout.id}/approve`),
      world.clients.ops.act(`/api/payouts/${payout.id}/approve`),
    ])
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409])
    const approvals = await app.payload.count({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'payouts' } }, { entityId: { equals: String(payout.id) } }, { action: { equals: 'approve' } }] },
      overrideAccess: true,
    })
    expect(approvals.totalDocs).toBe(1)
  })

  it('rejecting needs a note; a rejected payout cannot be approved', async () => {
    const before = await snapshot(seededPayoutId)
    const noNote = await world.clients.ops.act(`/api/payouts/${seededPayoutId}/reject`, {})
    expect(noNote.status).toBe(400)
    expect(errorField(noNote.body)).toBe('note')
    expect((await world.clients.ops.act(`/api/payouts/${seededPayoutId}/reject`, { note: '   ' })).status).toBe(400)
    expect(await snapshot(seededPayoutId)).toBe(before)

    const rejected = await world.clients.ops.act(`/api/payouts/${seededPayoutId}/reject`, { note: 'Work was redone by another provider.' })
    expect(rejected.status).toBe(200)
    expect(rejected.body.payout).toMatchObject({ status: 'rejected', note: 'Work was redone by another provider.', reviewedBy: world.ids.ops })
    expect((await assignmentOf(app.payload, Number(rejected.body.payout.assignment))).payoutStatus).toBe('rejected')

    const after = await snapshot(seededPayoutId)
    const approve = await world.clients.ops.act(`/api/payouts/${seededPayoutId}/approve`)
    expect(approve.status).toBe(409)
    expect(await snapshot(seededPayoutId)).toBe(after)
  })
})

describe('bad input to the payout actions', () => {
  let pendingId: number
  beforeAll(async () => {
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerB, providerId: world.ids.provider1, status: 'completed' })
    expect((await world.clients.customerB.act(`/api/assignments/${made.assignmentId}/verify`)).status).toBe(200)
    pendingId = (await payoutOf(app.payload, made.assignmentId))[0].id
  })

  it.each([
    ['the provider approves their own payout', 'provider1', 'approve', {}, 403],
    ['the customer approves', 'customerB', 'approve', {}, 403],
    ['another customer approves', 'customerA', 'approve', {}, 404], // not theirs to know it exists
    ['anonymous approves', 'anonymous', 'approve', {}, 401],
    ['the provider rejects', 'provider1', 'reject', { note: 'no' }, 403],
    ['the provider retries a capture', 'provider1', 'retry-capture', {}, 403],
    ['Ops retries a capture that never failed', 'ops', 'retry-capture', {}, 409],
    ['Ops sends a note that is not text', 'ops', 'approve', { note: 42 }, 400],
  ] as const)('%s (%s: %s %j) → %i, nothing changes', async (_what, actor, action, body, status) => {
    const before = await snapshot(pendingId)
    const res = await world.clients[actor].act(`/api/payouts/${pendingId}/${action}`, body)
    expect(res.status).toBe(status)
    expect(typeof res.body.errors[0].message).toBe('string')
    expect(await snapshot(pendingId)).toBe(before)
  })

  it('an unknown payout is a 404, an id that is not a number a 400', async () => {
    for (const action of ['approve', 'reject', 'retry-capture']) {
      const res = await world.clients.ops.act(`/api/payouts/999999/${action}`, { note: 'x' })
      expect(res.status).toBe(404)
    }
    expect((await world.clients.ops.act('/api/payouts/not-a-number/approve')).status).toBe(400)
  })

  it('nobody but the actions can write a payout or payment fields', async () => {
    const before = await snapshot(pendingId)
    for (const actor of ['customerB', 'provider1'] as const) {
      expect([403, 404]).toContain((await world.clients[actor].patch(`/api/payouts/${pendingId}`, { status: 'approved' })).status)
    }
    expect(await snapshot(pendingId)).toBe(before)
    expect(fake.requests).toHaveLength(0)
  })
})
