/**
 * docs/api.md lists every endpoint the app adds to Payload's — the collections' `endpoints` and the root ones in
 * payload.config.ts — as `METHOD /api/...`, and every endpoint it names exists. Payload's own endpoints are told apart
 * by building a bare config with one plain and one auth collection: what those get, every collection gets.
 */
import { describe, expect, it } from '@jest/globals'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { buildConfig, type Endpoint, type SanitizedConfig } from 'payload'

const doc = readFileSync(path.resolve(process.cwd(), 'docs/api.md'), 'utf8')
const named = (e: Pick<Endpoint, 'method' | 'path'>, prefix: string) => `${e.method.toUpperCase()} /api${prefix}${e.path === '/' ? '' : e.path}`

async function endpoints() {
  const config: SanitizedConfig = await (await import('../../payload.config')).default
  const bare = await buildConfig({
    secret: 'a-bare-config-to-learn-payloads-own-endpoints',
    db: postgresAdapter({ pool: { connectionString: 'postgres://unset/unset' } }),
    collections: [
      { slug: 'plain', fields: [] },
      { slug: 'people', auth: true, fields: [] },
    ],
  })
  const own = (slug: string) => new Set((bare.collections.find((c) => c.slug === slug)!.endpoints || []).map((e) => named(e, '')))
  const payloads = { plain: own('plain'), auth: own('people'), root: new Set((bare.endpoints || []).map((e) => named(e, ''))) }
  const custom: string[] = []
  const all = new Set<string>()
  for (const c of config.collections) {
    for (const e of c.endpoints || []) {
      all.add(named(e, `/${c.slug}`))
      const isPayloads = c.slug.startsWith('payload-') || (c.auth ? payloads.auth : payloads.plain).has(named(e, ''))
      if (!isPayloads) custom.push(named(e, `/${c.slug}`))
    }
  }
  for (const e of config.endpoints || []) {
    all.add(named(e, ''))
    if (!payloads.root.has(named(e, ''))) custom.push(named(e, ''))
  }
  return { custom, all, slugs: config.collections.map((c) => c.slug) }
}

describe('docs/api.md', () => {
  it('names every endpoint the app adds, as METHOD /api/path', async () => {
    const { custom } = await endpoints()
    expect(custom.length).toBeGreaterThanOrEqual(18)
    expect(custom).toEqual(expect.arrayContaining(['POST /api/assignments/:id/complete', 'GET /api/health', 'POST /api/payouts/:id/retry-capture']))
    expect(custom.filter((e) => !doc.includes(`\`${e}\``))).toEqual([])
  })

  it('names no endpoint that does not exist', async () => {
    const { all, slugs } = await endpoints()
    const generic = (e: string) =>
      /<slug>/.test(e) || e === 'POST /api/graphql' || slugs.some((s) => e === `POST /api/${s}` || e === `PATCH /api/${s}/:id` || e === `GET /api/${s}`)
    const mentioned = [...doc.matchAll(/`((?:GET|POST|PATCH|PUT|DELETE) \/api[^`\s?]*)/g)].map((m) => m[1])
    expect(mentioned.length).toBeGreaterThan(20)
    expect([...new Set(mentioned)].filter((e) => !all.has(e) && !generic(e))).toEqual([])
  })
})
