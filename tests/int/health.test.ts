import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { migrations } from '../../src/migrations'
import { ApiClient } from '../helpers/client'
import { startTestApp, type TestApp } from '../helpers/app'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

describe('GET /api/health', () => {
  it('answers 200 and says the database is up', async () => {
    const res = await new ApiClient(app.baseUrl).get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' })
  })

  it('applied the committed migrations, not push mode', async () => {
    const { docs } = await app.payload.find({ collection: 'payload-migrations', overrideAccess: true, limit: 1000 })
    expect(docs.map((d) => d.name).sort()).toEqual(migrations.map((m) => m.name).sort())
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.every((d) => Number(d.batch) > 0)).toBe(true)
  })
})
