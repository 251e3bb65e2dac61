/** The worker's periodic payment housekeeping: queued once however often it is asked, and it does its work. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { queueHousekeeping } from '../../src/jobs/housekeeping'
import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld } from '../helpers/fixtures'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ env: { AUTO_VERIFY_DAYS: '1' } })
  await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
})

describe('payment housekeeping', () => {
  it('queues the authorisation watch and auto-verify once, not again while they wait', async () => {
    expect((await queueHousekeeping(app.payload)).sort()).toEqual(['authorizationWatch', 'autoVerify'])
    expect(await queueHousekeeping(app.payload)).toEqual([])
    const waiting = await app.payload.count({ collection: 'payload-jobs', where: { completedAt: { exists: false } }, overrideAccess: true })
    expect(waiting.totalDocs).toBe(2)
  })

  it('auto-verify verifies completed work older than AUTO_VERIFY_DAYS as the system, and a payout waits for Ops', async () => {
    const { docs } = await app.payload.find({ collection: 'assignments', where: { status: { equals: 'completed' } }, overrideAccess: true })
    expect(docs).toHaveLength(1) // "Paint the hallway", completed a day ago
    await app.payload.jobs.run({ limit: 10 })
    const after = await app.payload.findByID({ collection: 'assignments', id: docs[0].id, overrideAccess: true })
    expect(after.status).toBe('verified')
    const audit = await app.payload.find({
      collection: 'audit-events',
      where: { and: [{ entity: { equals: 'assignments' } }, { entityId: { equals: String(docs[0].id) } }, { toState: { equals: 'verified' } }] },
      overrideAccess: true,
    })
    expect(audit.docs[0].actorRole).toBe('system')
    const payouts = await app.payload.find({ collection: 'payouts', where: { assignment: { equals: docs[0].id } }, overrideAccess: true })
    expect(payouts.docs[0]).toMatchObject({ status: 'pending_review', method: 'manual' })
  })

  it('queues again once the previous run finished', async () => {
    expect((await queueHousekeeping(app.payload)).sort()).toEqual(['authorizationWatch', 'autoVerify'])
  })
})
