/**
 * Completion, verification, disputes and provider rejection over HTTP: who may do each, from which state, with what
 * input, and what a refusal leaves behind (nothing, and no Stripe call). Stripe is configured against the local fake.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type Actor, type World } from '../helpers/fixtures'
import { assignmentOf, authorize, givePaymentMethod, makeAssignment, systemContext } from '../helpers/paymentFixtures'
import { StripeFake } from '../helpers/stripeFake'

let app: TestApp
let world: World
let fake: StripeFake
const id = {} as Record<'lights' | 'paint' | 'fence' | 'fenceJob' | 'rileyId', number>

const assignmentByJobTitle = async (title: string) => {
  const job = (await app.payload.find({ collection: 'jobs', where: { title: { equals: title } }, overrideAccess: true, depth: 0 })).docs[0]
  const assignment = (await app.payload.find({ collection: 'assignments', where: { job: { equals: job.id } }, overrideAccess: true, depth: 0 })).docs[0]
  return { jobId: job.id, assignmentId: assignment.id }
}

beforeAll(async () => {
  fake = await StripeFake.start()
  app = await startTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_jobline', STRIPE_API_BASE: fake.url } })
  world = await seedWorld(app.payload, app.baseUrl)
  id.lights = (await assignmentByJobTitle('Install ceiling lights')).assignmentId // bob (customer B) / riley, scheduled
  id.paint = (await assignmentByJobTitle('Paint the hallway')).assignmentId // alice (customer A) / quinn (provider 2), completed
  const fence = await assignmentByJobTitle('Repair garden fence') // alice / pat (provider 1), pending_schedule
  id.fence = fence.assignmentId
  id.fenceJob = fence.jobId
  id.rileyId = (await app.payload.find({ collection: 'users', where: { email: { equals: 'riley@jobline.local' } }, overrideAccess: true })).docs[0].id
  // the scheduled job holds a card, so a wrongly accepted action would show up as a Stripe call
  await givePaymentMethod(app.payload, world.ids.customerB)
  expect((await authorize(app.payload, id.lights)).status).toBe('authorized')
  fake.reset()
})
afterAll(async () => {
  await app?.close()
  await fake?.close()
})

/** Riley (the third seeded provider) is not one of the fixture actors: sign in as them. */
const riley = async () => {
  const { ApiClient } = await import('../helpers/client')
  const { DEV_PASSWORD } = await import('../../src/seed')
  return ApiClient.login(app.baseUrl, 'riley@jobline.local', DEV_PASSWORD)
}

const state = async (assignmentId: number) => {
  const assignment = await assignmentOf(app.payload, assignmentId)
  const job = await app.payload.findByID({ collection: 'jobs', id: Number(assignment.job), overrideAccess: true, depth: 0 })
  const counts = await Promise.all(
    (['audit-events', 'payouts', 'reminder-logs', 'payload-jobs'] as const).map(
      async (collection) => (await app.payload.count({ collection, overrideAccess: true })).totalDocs,
    ),
  )
  return JSON.stringify({ assignment, job, counts })
}

type Case = [what: string, actor: Actor | 'riley', assignment: keyof typeof id, action: string, body: Record<string, unknown>, status: number, field?: string]

describe('refused actions change nothing and call Stripe zero times', () => {
  it.each<Case>([
    ['complete an assignment that is not yours', 'provider2', 'lights', 'complete', {}, 404],
    ['complete as the customer', 'customerB', 'lights', 'complete', {}, 403],
    ['complete as Ops', 'ops', 'lights', 'complete', {}, 403],
    ['complete anonymously', 'anonymous', 'lights', 'complete', {}, 401],
    ['complete an assignment that is not scheduled (pending)', 'provider1', 'fence', 'complete', {}, 409],
    ['complete an assignment that is already completed', 'provider2', 'paint', 'complete', {}, 409],
    ['complete with a checklist that is a string', 'riley', 'lights', 'complete', { checklist: 'all done' }, 400, 'checklist'],
    ['complete with checklist items that are not a list', 'riley', 'lights', 'complete', { checklist: { items: 'painted' } }, 400, 'checklist.items'],
    ['complete with an empty checklist item', 'riley', 'lights', 'complete', { checklist: { items: ['ok', ' '] } }, 400, 'checklist.items.1'],
    ['complete with an unknown checklist field', 'riley', 'lights', 'complete', { checklist: { items: [], photos: [] } }, 400, 'checklist.photos'],
    ['complete with a stale version', 'riley', 'lights', 'complete', { version: 99 }, 409],
    ['complete with a version that is not a number', 'riley', 'lights', 'complete', { version: 'latest' }, 400, 'version'],
    ['verify before completion', 'customerB', 'lights', 'verify', {}, 409],
    ['verify as the provider', 'provider2', 'paint', 'verify', {}, 403],
    ['verify someone else\'s assignment', 'customerB', 'paint', 'verify', {}, 404],
    ['dispute without a reason', 'customerA', 'paint', 'dispute', {}, 400, 'reason'],
    ['dispute with a blank reason', 'customerA', 'paint', 'dispute', { reason: '  ' }, 400, 'reason'],
    ['dispute with a reason that is not text', 'customerA', 'paint', 'dispute', { reason: ['bad'] }, 400, 'reason'],
    ['dispute before completion', 'customerB', 'lights', 'dispute', { reason: 'Not done' }, 409],
    ['dispute as the provider', 'provider2', 'paint', 'dispute', { reason: 'x' }, 403],
    ['reject without a reason', 'riley', 'lights', 'reject', {}, 400, 'reason'],
    ['reject a reason longer than 2000 characters', 'riley', 'lights', 'reject', { reason: 'x'.repeat(2001) }, 400, 'reason'],
    ['reject as the customer', 'customerB', 'lights', 'reject', { reason: 'x' }, 403],
    ['reject someone else\'s assignment', 'provider1', 'lights', 'reject', { reason: 'x' }, 404],
    ['reject after completion', 'provider2', 'paint', 'reject', { reason: 'Too late' }, 409],
    ['reject an unknown assignment', 'riley', 'lights', 'reject-999999', { reason: 'x' }, 404],
    ['send a body that is not an object', 'riley', 'lights', 'complete', [1, 2] as unknown as Record<string, unknown>, 400, 'body'],
  ])('%s (as %s)', async (...row) => {
    // a rest parameter: jest would take a 7th named parameter for a `done` callback on rows without a field
    const [, actor, which, action, body, status, field] = row as Case
    const client = actor === 'riley' ? await riley() : world.clients[actor]
    const before = await state(id[which])
    const path = action === 'reject-999999' ? '/api/assignments/999999/reject' : `/api/assignments/${id[which]}/${action}`
    const res = await client.act(path, body)
    expect(res.status).toBe(status)
    expect(typeof res.body.errors[0].message).toBe('string')
    if (field) expect(errorField(res.body)).toBe(field)
    expect(await state(id[which])).toBe(before)
    expect(fake.requests).toHaveLength(0)
  })
})

describe('complete, then verify or dispute', () => {
  it('before the visit has started, completing is a 409 that says from when it may be marked, and changes nothing', async () => {
    const before = await state(id.lights)
    const res = await (await riley()).act(`/api/assignments/${id.lights}/complete`)
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toMatch(/^The visit has not started yet: it can be marked complete from .+ (CET|CEST)\.$/)
    const lights = await assignmentOf(app.payload, id.lights)
    expect(res.body.errors[0].data).toMatchObject({ state: 'scheduled', completableFrom: new Date(lights.scheduledStart!).toISOString() })
    expect(await state(id.lights)).toBe(before)
  })

  it('the provider completes with a checklist once the visit started; the version moves on', async () => {
    // the seeded visit is tomorrow: let it start an hour ago (a data fix, not an action: the version stays)
    await app.payload.update({
      collection: 'assignments',
      id: id.lights,
      data: { scheduledStart: new Date(Date.now() - 3_600_000).toISOString(), scheduledEnd: new Date(Date.now() + 3_600_000).toISOString() },
      overrideAccess: true,
      context: { ...systemContext, versionSet: true },
    })
    const before = await assignmentOf(app.payload, id.lights)
    const client = await riley()
    const res = await client.act(`/api/assignments/${id.lights}/complete`, {
      checklist: { items: ['Four fittings installed', 'Old fittings removed'], note: 'Dimmer on the left switch.' },
      version: before.version,
    })
    expect(res.status).toBe(200)
    expect(res.body.assignment).toMatchObject({
      status: 'completed',
      version: before.version! + 1,
      completionChecklist: { items: ['Four fittings installed', 'Old fittings removed'], note: 'Dimmer on the left switch.' },
    })
    expect(res.body.assignment.timestamps.providerCompletedAt).toBeTruthy()
    // completing twice is a 409
    expect((await client.act(`/api/assignments/${id.lights}/complete`)).status).toBe(409)
    // and rejecting after completion too
    expect((await client.act(`/api/assignments/${id.lights}/reject`, { reason: 'Changed my mind' })).status).toBe(409)
    expect(fake.requests).toHaveLength(0)
  })

  it('the customer disputes: Ops is alerted and no money moves', async () => {
    const res = await world.clients.customerB.act(`/api/assignments/${id.lights}/dispute`, { reason: 'One fitting flickers.' })
    expect(res.status).toBe(200)
    expect(res.body.assignment).toMatchObject({ status: 'disputed', disputeReason: 'One fitting flickers.', payoutStatus: 'none' })
    const alerts = await app.payload.find({
      collection: 'reminder-logs',
      where: { and: [{ assignment: { equals: id.lights } }, { kind: { equals: 'dispute_opened' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(alerts.docs.map((d) => d.recipient).sort()).toEqual([world.ids.ops, id.rileyId].sort())
    // a disputed job can be neither verified nor disputed again by the customer
    const before = await state(id.lights)
    expect((await world.clients.customerB.act(`/api/assignments/${id.lights}/verify`)).status).toBe(409)
    expect((await world.clients.customerB.act(`/api/assignments/${id.lights}/dispute`, { reason: 'Again' })).status).toBe(409)
    expect(await state(id.lights)).toBe(before)
    await app.payload.jobs.run({ limit: 100, silent: true })
    expect(fake.requests).toHaveLength(0)
    expect(await app.payload.count({ collection: 'payouts', where: { assignment: { equals: id.lights } }, overrideAccess: true })).toMatchObject({ totalDocs: 0 })
  })

  it('the customer verifies; verifying twice or disputing afterwards is a 409', async () => {
    const res = await world.clients.customerA.act(`/api/assignments/${id.paint}/verify`)
    expect(res.status).toBe(200)
    expect(res.body.assignment.status).toBe('verified')
    // Stripe is configured, but this job never held a card: the payout goes to Ops
    expect(res.body.payout).toMatchObject({ status: 'pending_review', method: 'manual' })
    const before = await state(id.paint)
    expect((await world.clients.customerA.act(`/api/assignments/${id.paint}/verify`)).status).toBe(409)
    expect((await world.clients.customerA.act(`/api/assignments/${id.paint}/dispute`, { reason: 'Actually no' })).status).toBe(409)
    expect((await world.clients.provider2.act(`/api/assignments/${id.paint}/reject`, { reason: 'Too late' })).status).toBe(409)
    expect(await state(id.paint)).toBe(before)
    expect(fake.requests).toHaveLength(0)
  })
})

describe('the provider gives a job back', () => {
  it('requeues the job without them, suppresses its reminders, and lets another provider quote and be accepted', async () => {
    const pending = await app.payload.create({
      collection: 'reminder-logs',
      data: {
        assignment: id.fence,
        customer: world.ids.customerA,
        provider: world.ids.provider1,
        kind: 'visit_reminder',
        channel: 'email',
        recipient: world.ids.customerA,
        recipientAddress: 'alice@jobline.local',
        status: 'pending',
        dedupeKey: `test:visit_reminder:${id.fence}`,
        scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
      },
      overrideAccess: true,
      depth: 0,
      context: systemContext,
    })
    expect((await world.clients.provider1.get(`/api/jobs/${id.fenceJob}`)).status).toBe(200)

    const res = await world.clients.provider1.act(`/api/assignments/${id.fence}/reject`, { reason: 'Fence needs a welder.' })
    expect(res.status).toBe(200)
    expect(res.body.assignment).toMatchObject({ status: 'rejected', rejectionReason: 'Fence needs a welder.' })
    expect(res.body.assignment.timestamps.rejectedAt).toBeTruthy()
    // the provider gave it back and is excluded: the job no longer exists for them, in the answer as anywhere
    expect(res.body.job).toBeNull()
    expect(await app.payload.findByID({ collection: 'jobs', id: id.fenceJob, overrideAccess: true, depth: 0 })).toMatchObject({
      status: 'open',
      assignedProvider: null,
      excludedProviders: [world.ids.provider1],
    })
    expect(res.body.authorizationReleased).toBe(false) // no card was held

    // the reminder planned for the visit is suppressed
    const log = await app.payload.findByID({ collection: 'reminder-logs', id: pending.id, overrideAccess: true, depth: 0 })
    expect(log).toMatchObject({ status: 'suppressed', reason: 'rejected' })
    // the open proposal can no longer be confirmed
    const proposals = await app.payload.find({ collection: 'schedule-proposals', where: { assignment: { equals: id.fence } }, overrideAccess: true, depth: 0 })
    expect(proposals.docs.map((p) => p.status)).toEqual(['expired'])
    // the customer and Ops are told
    const told = await app.payload.find({
      collection: 'reminder-logs',
      where: { and: [{ assignment: { equals: id.fence } }, { kind: { equals: 'assignment_rejected' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(told.docs.map((d) => d.recipient)).toEqual(expect.arrayContaining([world.ids.customerA, world.ids.ops]))
    // the requeue is on the record (KPIs count it)
    const requeue = await app.payload.find({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'jobs' } }, { entityId: { equals: String(id.fenceJob) } }, { action: { equals: 'requeue' } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(requeue.docs.map((e) => [e.fromState, e.toState])).toEqual([['assigned', 'open']])

    // the rejecting provider loses the job entirely
    expect((await world.clients.provider1.get(`/api/jobs/${id.fenceJob}`)).status).toBe(404)
    const list = await world.clients.provider1.get(`/api/jobs?where[id][equals]=${id.fenceJob}`)
    expect(list.body.docs).toEqual([])
    const ownQuote = await world.clients.provider1.post('/api/quotes', { job: id.fenceJob, amount: 25_000, currency: 'USD' })
    expect([400, 403]).toContain(ownQuote.status)
    expect((await world.clients.provider1.act(`/api/assignments/${id.fence}/reject`, { reason: 'again' })).status).toBe(409)

    // another provider can quote, and the customer can accept
    const quote = await world.clients.provider2.post('/api/quotes', { job: id.fenceJob, amount: 32_000, currency: 'USD' })
    expect(quote.status).toBe(201)
    const accepted = await world.clients.customerA.act(`/api/quotes/${quote.body.doc.id}/accept`)
    expect(accepted.status).toBe(200)
    expect(accepted.body.assignment).toMatchObject({ status: 'pending_schedule', provider: world.ids.provider2 })
    const job = await app.payload.findByID({ collection: 'jobs', id: id.fenceJob, overrideAccess: true, depth: 0 })
    expect(job).toMatchObject({ status: 'assigned', assignedProvider: world.ids.provider2, excludedProviders: [world.ids.provider1] })
    expect(fake.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(0)
  })

  it('a rejected assignment cannot be completed, verified or disputed', async () => {
    const made = await makeAssignment(app.payload, { customerId: world.ids.customerA, providerId: world.ids.provider1, status: 'scheduled' })
    expect((await world.clients.provider1.act(`/api/assignments/${made.assignmentId}/reject`, { reason: 'Double-booked.' })).status).toBe(200)
    const before = await state(made.assignmentId)
    // the provider no longer sees the job, but still sees their (rejected) assignment: 409 from the lifecycle
    expect((await world.clients.provider1.act(`/api/assignments/${made.assignmentId}/complete`)).status).toBe(409)
    expect((await world.clients.customerA.act(`/api/assignments/${made.assignmentId}/verify`)).status).toBe(409)
    expect((await world.clients.customerA.act(`/api/assignments/${made.assignmentId}/dispute`, { reason: 'x' })).status).toBe(409)
    expect(await state(made.assignmentId)).toBe(before)
  })
})
