/**
 * Property-based fuzzing of every REST route: each collection's endpoints (Payload's own, auth and custom) and the
 * root endpoints, enumerated from the sanitized config at run time, with malformed ids, query strings and bodies,
 * as anonymous, customer, provider and Ops. Every answer is 2xx or 4xx, never 5xx, and a refused request (4xx)
 * leaves every table's row count and checksum as it was. Asserts no access outcome, so it holds while access rules
 * change. Seeded: the seed is printed; FUZZ_SEED=<seed> replays the run, FUZZ_RUNS=<n> sets cases per route.
 * Runs as its own phase: `npm run test:fuzz` (jest project "fuzz").
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Endpoint } from 'payload'

import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld } from '../helpers/fixtures'
import {
  body,
  forgedSessions,
  FUZZ_RUNS,
  FUZZ_SEED,
  fieldPaths,
  idSegment,
  nastyString,
  queryString,
  roleSessions,
  ROLES,
  seedFor,
  signedOneTapToken,
  tableFingerprinter,
  type FuzzBody,
} from '../helpers/fuzz'

let app: TestApp
let fp: Awaited<ReturnType<typeof tableFingerprinter>>
let sessions: ReturnType<typeof roleSessions>
let forged: Awaited<ReturnType<typeof forgedSessions>>
const realIds: Record<string, number[]> = {}
/** Who sends a case: a signed-in role, anonymous, or a validly signed session token that stands for nobody. */
const SENDERS = [...ROLES, 'ghost', 'stale'] as const
type Sender = (typeof SENDERS)[number]

beforeAll(async () => {
  app = await startTestApp()
  await seedWorld(app.payload, app.baseUrl)
  fp = await tableFingerprinter(app.databaseUri)
  sessions = roleSessions(app.payload, app.baseUrl)
  await sessions.ensure()
  for (const c of app.config.collections) {
    const { docs } = await app.payload.find({ collection: c.slug as never, limit: 20, depth: 0, overrideAccess: true, pagination: false })
    realIds[c.slug] = docs.map((d) => Number((d as { id: number }).id)).filter(Number.isInteger)
  }
  forged = await forgedSessions(app.payload)
  console.log(`fuzz.rest: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}`)
})
afterAll(async () => {
  await fp?.close()
  await app?.close()
})

type Route = { name: string; method: string; base: string; path: string; slug?: string }

/** Every endpoint Payload serves, from the sanitized config. */
function routes(): Route[] {
  const out: Route[] = []
  const add = (endpoints: Endpoint[] | false | undefined, base: string, slug?: string) => {
    for (const e of endpoints || []) out.push({ name: `${e.method.toUpperCase()} ${base}${e.path}`, method: e.method.toUpperCase(), base, path: e.path, slug })
  }
  for (const c of app.config.collections) add(c.endpoints, `/api/${c.slug}`, c.slug)
  add(app.config.endpoints, '/api')
  return out
}

/** The route's path with each `:param` filled: ids from the real ones and the impossible ones, other params nasty. */
const concretePath = (route: Route) => {
  const params = [...route.path.matchAll(/:(\w+)(\?)?/g)]
  const ids = realIds[route.slug ?? ''] ?? []
  return fc
    .tuple(
      ...params.map(([, name, optional]) => {
        const value = name === 'id' || /Id$/.test(name) ? idSegment(ids) : fc.oneof(nastyString.map(encodeURIComponent), fc.constantFrom('visit_reminder', 'x.ics', 'a'.repeat(32) + '.ics'))
        return optional ? fc.option(value, { nil: '' }) : value
      }),
    )
    .map((values) => {
      let i = 0
      const filled = route.path.replace(/:(\w+)(\?)?/g, () => values[i++] ?? '').replace(/\/$/, '')
      return `${route.base}${filled === '/' ? '' : filled}`
    })
}

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json', 'application/x-www-form-urlencoded', 'text/plain', undefined] as const

let cases = 0
const failures: string[] = []

async function send(role: Sender, method: string, url: string, b: FuzzBody | undefined, contentType: string | undefined, override: boolean) {
  const token = role === 'ghost' || role === 'stale' ? forged[role] : sessions.clients[role].token
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `JWT ${token}`
  if (contentType) headers['content-type'] = contentType
  if (override) headers['x-http-method-override'] = 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD' && b
  const res = await fetch(`${app.baseUrl}${url}`, {
    method,
    headers,
    body: hasBody ? (b.raw ?? JSON.stringify(b.json ?? null)) : undefined,
    signal: AbortSignal.timeout(60_000),
  })
  const text = await res.text()
  return { status: res.status, text }
}

it('every REST route answers 2xx or 4xx to malformed input, and a refusal changes no table', async () => {
  const all = routes()
  expect(all.length).toBeGreaterThan(100)
  for (const route of all) {
    const collection = app.config.collections.find((c) => c.slug === route.slug)
    const paths = fieldPaths(app.config, route.slug ?? 'users')
    const fieldNames = (collection?.flattenedFields ?? []).map((f) => ('name' in f ? f.name : '')).filter(Boolean)
    // now and then a one-tap link signed right, about what may not exist (any route, the link route above all)
    const oneTap = signedOneTapToken(realIds.assignments ?? [], realIds.users ?? []).map((token) => ({ json: { token } }) as FuzzBody)
    const arbitrary = fc.record({
      role: fc.constantFrom(...SENDERS),
      path: concretePath(route),
      query: queryString(paths),
      body: fc.option(fc.oneof({ weight: 8, arbitrary: body(fieldNames) }, { weight: route.path === '/one-tap' ? 8 : 1, arbitrary: oneTap }), { nil: undefined, freq: 6 }),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      override: fc.integer({ min: 0, max: 4 }).map((n) => n === 0 && route.method === 'POST'),
    })
    await sessions.ensure()
    const result = await fc.check(
      fc.asyncProperty(arbitrary, async (c) => {
        const before = await fp.fingerprint()
        const res = await send(c.role, route.method, c.path + c.query, c.body, c.contentType, c.override)
        cases++
        if (res.status >= 500) throw new Error(`${res.status} ${res.text.slice(0, 300)}`)
        if (res.status >= 400) {
          const changed = fp.diff(before, await fp.fingerprint())
          if (changed.length) throw new Error(`${res.status} but changed ${changed.join(', ')}: ${res.text.slice(0, 200)}`)
        }
      }),
      { seed: seedFor(route.name), numRuns: FUZZ_RUNS, endOnFailure: true },
    )
    if (result.failed) {
      const c = result.counterexample?.[0] as { role: string; path: string; query: string; body?: FuzzBody } | undefined
      const sent = c ? `${c.role} ${route.method} ${c.path}${c.query} ${JSON.stringify(c.body)?.slice(0, 300)}` : ''
      failures.push(`${route.name}: ${String((result.errorInstance as Error)?.message ?? result.errorInstance).slice(0, 400)}\n    sent: ${sent}`)
    }
  }
  console.log(`fuzz.rest: ${cases} cases over ${all.length} routes, ${failures.length} failing routes (FUZZ_SEED=${FUZZ_SEED})`)
  expect(failures).toEqual([])
}, 900_000)
