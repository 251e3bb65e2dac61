import { match } from 'path-to-regexp'
import type { Endpoint, SanitizedCollectionConfig, SanitizedConfig } from 'payload'
import * as qs from 'qs-esm'

import { clientAddress } from '../domain/clientAddress'
import { checkId, pathIdStatus } from '../domain/ids'
import { checkPaging, checkSort, checkWhere, type QueryProblem } from '../domain/queryRules'
import { env } from '../env'
import { querySchemaOf } from './querySchema'

/**
 * The request guard in front of Payload's REST and GraphQL route handlers, for the Next.js routes and the test
 * harness alike. Before Payload sees a request it enforces what no collection config can: one body-size limit for
 * every route (413), ids in the path that can exist (400 not a number, 404 out of range), bounded and well-typed
 * `page`, `limit`, `depth`, `where` and `sort` (400 naming the parameter), and 404 for routes a collection does not
 * have (`/versions` without versions). It also records the client address the auth throttle counts by.
 */

/** Set by the guard (and only by it: any incoming value is replaced) for the auth throttle. */
export const CLIENT_ADDRESS_HEADER = 'x-jobline-client-address'

type RouteArgs = { params: Promise<{ slug: string[] }> }
/** What a host can add: the socket's remote address, when it knows it (the test harness does; `next start` does not). */
export type HostInfo = { peerAddress?: string }
export type RestHandler = (request: Request, args: RouteArgs) => Promise<Response>
export type GraphQLHandler = (request: Request) => Promise<Response>
type ConfigArg = SanitizedConfig | Promise<SanitizedConfig>

const refuse = (status: number, message: string, problems: QueryProblem[] = []) =>
  Response.json(
    {
      errors: [
        {
          message,
          ...(problems.length ? { data: { errors: problems.map((p) => ({ path: p.param, message: p.message })) } } : {}),
        },
      ],
    },
    { status },
  )

type Bounded = { ok: true; request: Request; body?: Uint8Array } | { ok: false; response: Response }

/**
 * Reads the body up to the limit, from Content-Length first and then while streaming (a chunked body is never
 * buffered past the limit), and rebuilds the request with the client address header set.
 */
async function bounded(request: Request, host: HostInfo | undefined): Promise<Bounded> {
  const { maxBodyBytes, trustedProxyHops } = env().http
  const tooLarge = () => ({
    ok: false as const,
    response: refuse(413, `The request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES).`),
  })
  const declared = request.headers.get('content-length')
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > maxBodyBytes)) {
    if (/^\d+$/.test(declared.trim())) return tooLarge()
    return { ok: false, response: refuse(400, 'Content-Length must be a number of bytes.') }
  }
  let body: Uint8Array | undefined
  if (request.body) {
    const reader = request.body.getReader()
    const chunks: Uint8Array[] = []
    let total = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBodyBytes) {
        await reader.cancel().catch(() => {})
        return tooLarge()
      }
      chunks.push(value)
    }
    body = Buffer.concat(chunks)
  }
  const headers = new Headers(request.headers)
  headers.set(
    CLIENT_ADDRESS_HEADER,
    clientAddress({ peer: host?.peerAddress, forwardedFor: request.headers.get('x-forwarded-for'), trustedHops: trustedProxyHops }),
  )
  if (body) headers.set('content-length', String(body.byteLength))
  const method = request.method.toUpperCase()
  const rebuilt = new Request(request.url, {
    method,
    headers,
    body: body && method !== 'GET' && method !== 'HEAD' ? (body as unknown as BodyInit) : undefined,
    signal: request.signal,
  })
  return { ok: true, request: rebuilt, body }
}

const QS_OPTIONS = { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true } as const

/** The query Payload will act on: the URL's, plus a form body sent with X-HTTP-Method-Override: GET. */
function effectiveQueries(request: Request, body: Uint8Array | undefined): { queries: Record<string, unknown>[]; problem?: Response } {
  const url = new URL(request.url)
  const queries: Record<string, unknown>[] = [qs.parse(url.search, QS_OPTIONS) as Record<string, unknown>]
  const override = request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override')
  if (request.method.toUpperCase() === 'POST' && override === 'GET' && body) {
    const text = Buffer.from(body).toString('utf8')
    const type = request.headers.get('content-type')
    if (type === 'application/x-www-form-urlencoded') queries.push(qs.parse(text, QS_OPTIONS) as Record<string, unknown>)
    else if (type === 'application/json') {
      try {
        JSON.parse(text)
      } catch {
        return { queries, problem: refuse(400, 'The body must be JSON.', [{ param: 'body', message: 'The body must be JSON.' }]) }
      }
    }
  }
  return { queries }
}

/** `where` and `data` may come as JSON text (`?where={"id":{"equals":1}}`); Payload parses them without a guard. */
function parsedJsonParam(query: Record<string, unknown>, name: string): { value?: unknown; problem?: QueryProblem } {
  const raw = query[name]
  if (typeof raw !== 'string') return { value: raw }
  if (raw.length === 0) return { value: undefined }
  try {
    return { value: JSON.parse(raw) }
  } catch {
    return { problem: { param: name, message: `${name} must be JSON or bracketed parameters (${name}[field][equals]=…).` } }
  }
}

function checkQuery(query: Record<string, unknown>, config: SanitizedConfig, collection?: string): QueryProblem[] {
  const problems = [...checkPaging(query)]
  const data = parsedJsonParam(query, 'data')
  if (data.problem) problems.push(data.problem)
  if (collection) {
    const where = parsedJsonParam(query, 'where')
    if (where.problem) problems.push(where.problem)
    else if (where.value !== undefined) problems.push(...checkWhere(where.value, querySchemaOf(config), collection))
    problems.push(...checkSort(query.sort, querySchemaOf(config), collection))
  }
  return problems
}

const matchers = new WeakMap<Endpoint, ReturnType<typeof match>>()
const matcherOf = (endpoint: Endpoint) => {
  let m = matchers.get(endpoint)
  if (!m) matchers.set(endpoint, (m = match(endpoint.path, { decode: decodeURIComponent })))
  return m
}

/** The endpoint Payload will run for this method and path, found exactly as handleEndpoints finds it. */
function findEndpoint(endpoints: Endpoint[] | false | undefined, method: string, path: string) {
  if (!endpoints) return undefined
  for (const endpoint of endpoints) {
    if (endpoint.method !== method) continue
    let result: ReturnType<ReturnType<typeof match>>
    try {
      result = matcherOf(endpoint)(path)
    } catch {
      return undefined // a malformed escape (%E0%A4%A) matches nothing, as in Payload
    }
    if (result) return { endpoint, params: result.params as Record<string, string | undefined> }
  }
  return undefined
}

/** Decisions about the route itself: ids that can exist, routes the collection has. */
function checkRoute(config: SanitizedConfig, segments: string[], method: string): Response | undefined {
  const [first, ...rest] = segments
  const collection: SanitizedCollectionConfig | undefined = config.collections.find((c) => c.slug === first)
  const endpoints = collection ? collection.endpoints : config.endpoints
  const path = '/' + (collection ? rest : segments).map((s) => encodeURIComponent(s)).join('/')
  const found = findEndpoint(endpoints, method, path)
  if (!found) return undefined // Payload answers 404 itself
  if (collection && found.endpoint.path.startsWith('/versions') && !collection.versions) {
    return refuse(404, `${collection.slug} keeps no versions.`)
  }
  for (const [name, value] of Object.entries(found.params)) {
    if (value === undefined || !(name === 'id' || /Id$/.test(name))) continue
    const check = checkId(value, name)
    if (!check.ok) return refuse(pathIdStatus(check), check.reason === 'malformed' ? check.message : `No record ${value}.`)
  }
  return undefined
}

/** Wraps one of Payload's REST route handlers (GET, POST, PATCH, PUT, DELETE, OPTIONS under /api/[...slug]). */
export function guardRest(configArg: ConfigArg, handler: RestHandler) {
  return async (request: Request, args: RouteArgs & HostInfo): Promise<Response> => {
    const read = await bounded(request, args)
    if (!read.ok) return read.response
    const config = await configArg
    const { slug: segments } = await args.params
    const method = request.method.toLowerCase()
    const routeProblem = checkRoute(config, segments ?? [], method)
    if (routeProblem) return routeProblem
    const collection = config.collections.find((c) => c.slug === segments?.[0])?.slug
    const { queries, problem } = effectiveQueries(read.request, read.body)
    if (problem) return problem
    for (const query of queries) {
      const problems = checkQuery(query, config, collection)
      if (problems.length) return refuse(400, problems[0].message, problems)
    }
    return handler(read.request, { params: args.params })
  }
}

/** Wraps Payload's GraphQL route handler: the same body limit and client address (query rules: src/hooks/). */
export function guardGraphQL(handler: GraphQLHandler) {
  return async (request: Request, host?: HostInfo): Promise<Response> => {
    const read = await bounded(request, host)
    if (!read.ok) return read.response
    return handler(read.request)
  }
}
