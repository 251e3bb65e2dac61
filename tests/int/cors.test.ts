/**
 * CORS for sites on other origins (SITE_ORIGINS) and shared caches: every API answer varies by Origin and says so
 * (`Vary: Origin`), cacheable or not; a public, cacheable answer (the OpenAPI document, the API docs) never reflects
 * an origin with credentials; and the API docs load nothing from another host, the validator badge included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestApp, type TestApp } from '../helpers/app'

const SITE = 'http://site.example:3200'
let app: TestApp

beforeAll(async () => {
  app = await startTestApp({ env: { SITE_ORIGINS: SITE } })
})
afterAll(async () => {
  await app?.close()
  delete process.env.SITE_ORIGINS // the next test file in this worker gets the default
})

const get = (path: string, origin?: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}${path}`, { ...init, headers: { ...(origin ? { origin } : {}), ...(init.headers as Record<string, string>) } })
const varies = (res: Response) => (res.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase())

describe('CORS and caches', () => {
  it('a site origin gets its own answer with credentials, and the answer says it varies by Origin', async () => {
    const res = await get('/api/jobs?limit=1', SITE)
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(varies(res)).toContain('origin')
  })

  it('another origin and no origin get no CORS grant, and the answer varies by Origin all the same', async () => {
    for (const origin of ['http://evil.example', undefined]) {
      const res = await get('/api/jobs?limit=1', origin)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect(varies(res)).toContain('origin')
    }
  })

  it('a preflight and a GraphQL answer vary by Origin too', async () => {
    const preflight = await get('/api/jobs', SITE, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } })
    expect(varies(preflight)).toContain('origin')
    const graphql = await get('/api/graphql', SITE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) })
    expect(graphql.headers.get('access-control-allow-origin')).toBe(SITE)
    expect(varies(graphql)).toContain('origin')
  })

  it('the public, cacheable OpenAPI document and docs page are for any origin, without credentials', async () => {
    for (const path of ['/api/openapi.json', '/api/docs', '/api/docs/jobline-init.js']) {
      const res = await get(path, SITE)
      expect([path, res.status]).toEqual([path, 200])
      expect(res.headers.get('cache-control')).toMatch(/public/)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-allow-credentials')).toBeNull()
      expect(varies(res)).toContain('origin')
    }
  })

  it('the API docs turn Swagger UI’s validator badge off (an image from validator.swagger.io on any other host)', async () => {
    const init = await (await get('/api/docs/jobline-init.js')).text()
    expect(init).toContain('validatorUrl: null')
    const page = await (await get('/api/docs')).text()
    expect([...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((url) => /^(https?:)?\/\//.test(url))).toEqual([])
  })
})
