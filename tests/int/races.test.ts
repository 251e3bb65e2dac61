/**
 * The races of the trust boundary, each with 20+ requests at once over HTTP, several rounds each so the interleavings
 * vary, and the invariant a person would check afterwards:
 * - a customer's confirm against the provider's new proposal: a superseded window is never booked;
 * - quotes sent while the job is being accepted: none stays pending on an assigned job;
 * - a provider editing a quote's amount while the customer accepts it: the assignment carries what the customer saw;
 * - completing a visit before it starts: refused every time, then exactly one completion once it has started.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld, type World } from '../helpers/fixtures'
import { letVisitStart } from '../helpers/paymentFixtures'
import { futureWindow, proposal, recordIn } from '../helpers/lifecycleStates'

let app: TestApp
let world: World

beforeAll(async () => {
  app = await startTestApp()
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
})

const ROUNDS = 5
const parties = () => ({ customerId: world.ids.customerA, providerId: world.ids.provider1 })
const statuses = (replies: { status: number }[]) => replies.map((r) => r.status)
const read = <T extends 'assignments' | 'quotes' | 'jobs' | 'schedule-proposals'>(collection: T, id: number) =>
  app.payload.findByID({ collection, id, overrideAccess: true, depth: 0 })

describe('a confirm racing a new proposal', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('never books a superseded window (round %i: 10 confirms, 10 proposals)', async (round) => {
    const made = await recordIn(app.payload, parties(), 'assignment', 'pending_schedule')
    const offered = await proposal(app.payload, parties(), made.assignmentId!, 'provider', 'open', 1000 + round)
    const version = (await read('assignments', made.assignmentId!)).version
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? world.clients.customerA.post(`/api/assignments/${made.assignmentId}/schedule/confirm`, { proposalId: offered.id, windowIndex: 0, version })
          : world.clients.provider1.post(`/api/jobs/${made.jobId}/schedule`, { windows: [futureWindow(round * 20 + i)], version }),
      ),
    )
    // both moves need the version both move on: exactly one of the twenty wins, the rest are told it changed
    expect(statuses(replies).filter((s) => s === 200 || s === 201)).toHaveLength(1)
    expect(statuses(replies).filter((s) => s === 409)).toHaveLength(19)
    const assignment = await read('assignments', made.assignmentId!)
    const first = await read('schedule-proposals', offered.id)
    if (assignment.status === 'scheduled') {
      // the confirm won: it booked the proposal that was on offer, and no proposal came after it
      expect(first.status).toBe('confirmed')
      expect(new Date(assignment.scheduledStart!).toISOString()).toBe(new Date(first.windows[0].start).toISOString())
    } else {
      // a proposal won: the one on offer was superseded before any confirm could read it, and nothing was booked
      expect(first.status).toBe('superseded')
      expect(assignment).toMatchObject({ status: 'pending_schedule', scheduledStart: null })
    }
  })
})

describe('quotes sent while the job is being accepted', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('none stays pending on the assigned job (round %i: 1 accept, 20 quotes)', async () => {
    const made = await recordIn(app.payload, parties(), 'quote', 'pending')
    const quote = await read('quotes', made.quoteId!)
    const newQuote = (i: number) => world.clients.provider2.post('/api/quotes', { job: made.jobId, amount: 9_000 + i, currency: 'USD' })
    // ten quotes just before the acceptance, ten just after, all in flight together
    const before = Array.from({ length: 10 }, (_, i) => newQuote(i))
    await new Promise((resolve) => setTimeout(resolve, 15))
    const accept = world.clients.customerA.post(`/api/quotes/${made.quoteId}/accept`, { version: quote.version })
    const after = Array.from({ length: 10 }, (_, i) => newQuote(10 + i))
    const replies = await Promise.all([accept, ...before, ...after])
    expect(replies[0].status).toBe(200)
    // every quote either landed before the acceptance (and was declined by it) or after it, when the job is no longer
    // open to the provider (400 naming the job, as for any job they cannot see) or already taken (409)
    expect(statuses(replies.slice(1)).every((s) => s === 201 || s === 400 || s === 409)).toBe(true)
    const { docs } = await app.payload.find({ collection: 'quotes', where: { job: { equals: made.jobId } }, overrideAccess: true, depth: 0, limit: 100 })
    expect(docs.filter((q) => q.status === 'pending')).toEqual([])
    expect(docs.filter((q) => q.status === 'accepted').map((q) => q.id)).toEqual([made.quoteId])
    expect(docs.filter((q) => q.status === 'declined')).toHaveLength(statuses(replies.slice(1)).filter((s) => s === 201).length)
    expect((await read('jobs', made.jobId)).status).toBe('assigned')
  })
})

describe('a provider editing the amount while the customer accepts', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('the assignment carries the amount the customer saw (round %i: 1 accept, 20 edits)', async () => {
    const made = await recordIn(app.payload, parties(), 'quote', 'pending')
    const seen = await read('quotes', made.quoteId!)
    const replies = await Promise.all([
      world.clients.customerA.post(`/api/quotes/${made.quoteId}/accept`, { version: seen.version }),
      ...Array.from({ length: 20 }, (_, i) => world.clients.provider1.patch(`/api/quotes/${made.quoteId}`, { amount: 50_000 + i })),
    ])
    const accept = replies[0]
    const after = await read('quotes', made.quoteId!)
    // an edit is made (200), or finds the quote accepted: under its lock (409) or already in the access rule (403)
    expect(statuses(replies.slice(1)).every((s) => s === 200 || s === 403 || s === 409)).toBe(true)
    if (accept.status === 200) {
      // accepted at the amount the customer saw, and not edited since: the edits waited and found it accepted
      expect(accept.body.assignment.amount).toBe(seen.amount)
      expect(after).toMatchObject({ status: 'accepted', amount: seen.amount })
      expect(statuses(replies.slice(1)).filter((s) => s === 200)).toEqual([])
    } else {
      // an edit came first: the customer is told the quote changed, and nothing was accepted
      expect(accept.status).toBe(409)
      expect(accept.body.errors[0].data).toMatchObject({ currentVersion: after.version })
      expect(after.status).toBe('pending')
      const { totalDocs } = await app.payload.count({ collection: 'assignments', where: { quote: { equals: made.quoteId } }, overrideAccess: true })
      expect(totalDocs).toBe(0)
    }
  })
})

describe('a quote edited after the customer read it', () => {
  it('is not accepted at the old version: 409 with the current one, and nothing is assigned', async () => {
    const made = await recordIn(app.payload, parties(), 'quote', 'pending')
    const seen = await read('quotes', made.quoteId!)
    expect((await world.clients.provider1.patch(`/api/quotes/${made.quoteId}`, { amount: seen.amount * 3 })).status).toBe(200)
    const accept = await world.clients.customerA.post(`/api/quotes/${made.quoteId}/accept`, { version: seen.version })
    expect(accept.status).toBe(409)
    expect(accept.body.errors[0].data).toMatchObject({ currentVersion: seen.version! + 1, state: 'pending' })
    expect((await read('jobs', made.jobId)).status).toBe('open')
  })
})

describe('completing a visit', () => {
  it('before it starts: 20 attempts at once are all refused; once it started, exactly one of 20 completes it', async () => {
    const made = await recordIn(app.payload, parties(), 'assignment', 'scheduled')
    // the visit is tomorrow
    const start = new Date(Date.now() + 24 * 3_600_000)
    await app.payload.update({
      collection: 'assignments',
      id: made.assignmentId!,
      data: { scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString() },
      overrideAccess: true,
      context: { trusted: true, versionSet: true },
    })
    const { version } = await read('assignments', made.assignmentId!)
    const early = await Promise.all(
      Array.from({ length: 20 }, () => world.clients.provider1.post(`/api/assignments/${made.assignmentId}/complete`, { version })),
    )
    expect(statuses(early)).toEqual(Array(20).fill(409))
    expect(early[0].body.errors[0].data).toMatchObject({ completableFrom: start.toISOString() })
    expect((await read('assignments', made.assignmentId!)).status).toBe('scheduled')

    await letVisitStart(app.payload, made.assignmentId!)
    const started = await Promise.all(
      Array.from({ length: 20 }, () => world.clients.provider1.post(`/api/assignments/${made.assignmentId}/complete`, { version })),
    )
    expect(statuses(started).filter((s) => s === 200)).toHaveLength(1)
    expect(statuses(started).filter((s) => s === 409)).toHaveLength(19)
    expect(await read('assignments', made.assignmentId!)).toMatchObject({ status: 'completed', version: version! + 1 })
  })
})
