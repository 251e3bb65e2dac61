/**
 * The OpenAPI document (src/openapi/document.ts), built from the real config: it validates as OpenAPI 3.1 with an
 * independent validator, every schema in it compiles as JSON Schema 2020-12, every route of the config is in it, and
 * a custom endpoint without a description cannot be built into it.
 */
import { describe, expect, it } from '@jest/globals'
import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Endpoint, SanitizedConfig } from 'payload'

import { buildOpenApi, UndocumentedEndpoints } from '../../src/openapi/document'
import { UNDOCUMENTED_PAYLOAD_ROUTES } from '../../src/openapi/payloadRoutes'

type Doc = { openapi: string; paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>; components: { schemas: Record<string, unknown> } }

const load = async () => {
  const config: SanitizedConfig = await (await import('../../payload.config')).default
  return { config, doc: buildOpenApi(config) as unknown as Doc }
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (checked against the official schema by @seriousme/openapi-schema-validator)', async () => {
    const { doc } = await load()
    const validator = new Validator()
    const result = await validator.validate(doc as never)
    expect(result.errors ?? []).toEqual([])
    expect([result.valid, validator.version, doc.openapi]).toEqual([true, '3.1', '3.1.0'])
  })

  it('compiles every schema as JSON Schema 2020-12', async () => {
    const { doc } = await load()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    // one schema holding every component and every answer's schema, so their $refs resolve as in the document
    const all: Record<string, unknown> = {}
    for (const name of Object.keys(doc.components.schemas)) all[`component ${name}`] = { $ref: `#/components/schemas/${name}` }
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        for (const [status, answer] of Object.entries(op.responses ?? {}) as [string, { content?: Record<string, { schema?: unknown }> }][])
          for (const [media, m] of Object.entries(answer.content ?? {})) if (m.schema) all[`${method} ${path} ${status} ${media}`] = m.schema
    const validate = ajv.compile({ type: 'object', properties: all, components: doc.components } as never)
    expect(typeof validate).toBe('function')
    const compiled = Object.keys(all).length
    expect(compiled).toBeGreaterThan(150)
  })

  it('has every route of the config, each with a summary, answers and its path parameters', async () => {
    const { config, doc } = await load()
    const expected: string[] = []
    const toPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}')
    for (const c of config.collections) {
      if (c.slug.startsWith('payload-')) continue
      for (const e of c.endpoints || []) {
        if (UNDOCUMENTED_PAYLOAD_ROUTES.has(`${e.method} ${e.path}`)) continue
        expected.push(`${e.method} ${toPath(`/api/${c.slug}${e.path === '/' ? '' : e.path}`)}`)
      }
    }
    for (const e of config.endpoints || []) expected.push(`${e.method} ${toPath(`/api${e.path}`)}`)
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(expected.filter((e) => !documented.includes(e))).toEqual([])
    expect(documented).toEqual(expect.arrayContaining(['post /api/assignments/{id}/complete', 'get /api/health', 'post /api/users/login', 'get /api/jobs', 'post /api/webhook-endpoints/{id}/rotate-secret', 'post /api/graphql']))
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect([method, path, !!op.summary, Object.keys(op.responses ?? {}).length > 0]).toEqual([method, path, true, true])
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
        expect([method, path, (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort()]).toEqual([method, path, inPath])
      }
    }
    process.stdout.write(`openapi: ${Object.keys(doc.paths).length} paths, ${documented.length} operations, ${Object.keys(doc.components.schemas).length} schemas\n`)
  })

  it('cannot be built when a custom endpoint has no description', async () => {
    const { config } = await load()
    const stray: Endpoint = { path: '/stray', method: 'get', handler: () => new Response('') }
    const withStray = { ...config, endpoints: [...(config.endpoints || []), stray] } as SanitizedConfig
    expect(() => buildOpenApi(withStray)).toThrow(UndocumentedEndpoints)
    expect(() => buildOpenApi(withStray)).toThrow('GET /api/stray')
    const jobs = config.collections.find((c) => c.slug === 'jobs')!
    const withCollectionStray = {
      ...config,
      collections: config.collections.map((c) => (c === jobs ? { ...c, endpoints: [...(c.endpoints || []), { ...stray, path: '/:id/poke', method: 'post' }] } : c)),
    } as SanitizedConfig
    expect(() => buildOpenApi(withCollectionStray)).toThrow('POST /api/jobs/:id/poke')
  })

  it('says which operations nobody may call, from the collections\' access', async () => {
    const { doc } = await load()
    const nobody = (method: string, path: string) => String((doc.paths[path][method] as { description?: string }).description).includes('Nobody may do this')
    expect(nobody('post', '/api/events')).toBe(true)
    expect(nobody('patch', '/api/payouts/{id}')).toBe(true)
    expect(nobody('post', '/api/jobs')).toBe(false)
  })
})
