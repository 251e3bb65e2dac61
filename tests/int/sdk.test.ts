/**
 * The happy path as an integrator drives it with Payload's official typed client, @payloadcms/sdk (the version of
 * `payload`, typed by src/payload-types.ts): sign in, post a job, quote, accept, propose, confirm, complete, verify,
 * approve the payout — collections through the SDK's typed methods, actions through its `request` — while a webhook
 * endpoint set up the same way receives every event, signed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import { PayloadSDK } from '@payloadcms/sdk'

import { dbOf } from '../../src/db/sql'
import type { Config } from '../../src/payload-types'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld } from '../helpers/fixtures'
import { futureWindow, pastVisit } from '../helpers/lifecycleStates'
import { drainWebhooks } from '../helpers/webhooks'
import { startReceiver, verifySignature, type Receiver } from '../helpers/webhookReceiver'

let app: TestApp
let receiver: Receiver

beforeAll(async () => {
  receiver = await startReceiver()
  app = await startTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } })
  await seedWorld(app.payload, app.baseUrl)
})

afterAll(async () => {
  await receiver?.close()
  await app?.close()
})

/** A client signed in as `email`: the SDK's login, then every request with the token. */
async function signedIn(email: string): Promise<PayloadSDK<Config>> {
  const anonymous = new PayloadSDK<Config>({ baseURL: `${app.baseUrl}/api` })
  const { token } = await anonymous.login({ collection: 'users', data: { email, password: 'jobline-dev' } })
  expect(typeof token).toBe('string')
  return new PayloadSDK<Config>({ baseURL: `${app.baseUrl}/api`, baseInit: { headers: { Authorization: `JWT ${token}` } } })
}

/** An action: POST /api/<collection>/:id/<action> with the version read, its JSON answer (or the error). */
async function act<T = any>(sdk: PayloadSDK<Config>, path: string, body: Record<string, unknown>): Promise<T> {
  const res = await sdk.request({ method: 'POST', path, json: body })
  const json = await res.json()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
  return json as T
}

describe('@payloadcms/sdk', () => {
  it('drives the happy path as an integrator would, and the webhooks follow', async () => {
    const [ops, customer, provider] = await Promise.all(['ops@jobline.local', 'alice@jobline.local', 'pat@jobline.local'].map(signedIn))

    // Ops register the integrator's endpoint and hand over its secret
    const endpoint = await ops.create({ collection: 'webhook-endpoints', data: { url: receiver.url, events: ['*'], description: 'SDK test' } })
    const { secret } = await act<{ secret: string }>(ops, `/webhook-endpoints/${endpoint.id}/reveal-secret`, {})

    const job = await customer.create({
      collection: 'jobs',
      data: { title: 'Replace the porch light', serviceAddress: { line1: '9 SDK Street', city: 'Boston', country: 'US' }, timeZone: 'America/New_York' } as never,
    })
    expect(job.status).toBe('open')
    const open = await provider.find({ collection: 'jobs', where: { id: { equals: job.id } } })
    expect(open.docs.map((j) => j.title)).toEqual(['Replace the porch light'])
    const quote = await provider.create({ collection: 'quotes', data: { job: job.id, amount: 8900, currency: 'USD', message: 'Thursday?' } as never })

    const accepted = await act(customer, `/quotes/${quote.id}/accept`, { version: quote.version })
    const assignmentId: number = accepted.assignment.id
    const proposed = await act(provider, `/jobs/${job.id}/schedule`, { windows: [futureWindow(900)], version: accepted.assignment.version })
    const booked = await act(customer, `/assignments/${assignmentId}/schedule/confirm`, {
      proposalId: proposed.proposal.id,
      windowIndex: 0,
      version: proposed.assignment.version,
    })
    expect(booked.assignment.status).toBe('scheduled')
    // the visit happens (time passes)
    const past = pastVisit(900)
    await dbOf(app.payload).execute(sql`UPDATE assignments SET scheduled_start = ${past.scheduledStart}::timestamptz, scheduled_end = ${past.scheduledEnd}::timestamptz WHERE id = ${assignmentId}`)
    const done = await act(provider, `/assignments/${assignmentId}/complete`, { checklist: { items: ['New fixture fitted'] }, version: booked.assignment.version })
    const verified = await act(customer, `/assignments/${assignmentId}/verify`, { version: done.assignment.version })
    const payout = await ops.findByID({ collection: 'payouts', id: verified.payout.id })
    expect(payout.status).toBe('pending_review')
    await act(ops, `/payouts/${payout.id}/approve`, { version: payout.version, note: 'Paid' })

    const mine = await customer.findByID({ collection: 'assignments', id: assignmentId, depth: 0 })
    expect(mine.status).toBe('verified')
    expect((await provider.findByID({ collection: 'payouts', id: payout.id })).status).toBe('approved')
    expect((await customer.count({ collection: 'assignments', where: { id: { equals: assignmentId } } })).totalDocs).toBe(1)

    await drainWebhooks(app.payload)
    expect(receiver.received.map((r) => r.body.type)).toEqual(
      expect.arrayContaining(['quote.accepted', 'assignment.schedule_proposed', 'assignment.scheduled', 'assignment.completed', 'assignment.verified', 'payout.approved']),
    )
    expect(receiver.received.length).toBe(6)
    for (const hit of receiver.received) expect(verifySignature(String(hit.headers['jobline-signature']), hit.raw, secret)).toBe(true)
    const deliveries = await ops.find({ collection: 'webhook-deliveries', where: { endpoint: { equals: endpoint.id } }, limit: 10 })
    expect(deliveries.docs.map((d) => d.status)).toEqual(Array(6).fill('delivered'))
  })
})
