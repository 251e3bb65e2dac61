import { match } from 'path-to-regexp'
import type { Endpoint, SanitizedCollectionConfig, SanitizedConfig } from 'payload'
import * as qs from 'qs-esm'

import { CLIENT_ADDRESS_HEADER, clientAddress } from '../domain/clientAddress'
import { checkId, pathIdStatus } from '../domain/ids'
import { findNul, nulMessage } from '../domain/nulCharacters'
import { checkPaging, checkSort, checkWhere, type QueryProblem } from '../domain/queryRules'
import { env } from '../env'
import { querySchemaOf } from './querySchema'

/**
 * The request guard in front of Payload's REST and GraphQL route handlers, for the Next.js routes and the test
 * harness alike. Before Payload sees a request it enforces what no collection config can: one body-size limit for
 * every route (413), ids in the path that can exist (400 not a number, 404 out of range), bounded and well-typed
 * `page`, `limit`, `depth`, `where` and `sort` (400 naming the parameter), and 404 for routes a collection does not
 * have (`/versions` without versions, and the others in UNSERVED). It also sets the client address the auth throttle
 * counts by. GraphQL arguments get the same query rules from a validation rule (./graphqlArguments.ts).
 */

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
  const declared = request.headers.get('content-length')?.trim()
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBodyBytes) return tooLarge()
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
  const jsonProblem =
    body?.byteLength || isMethodOverride(request) ? jsonBodyProblem(request.headers.get('content-type'), body ?? new Uint8Array()) : undefined
  if (jsonProblem) return { ok: false, response: refuse(400, jsonProblem, [{ param: 'body', message: jsonProblem }]) }
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

/**
 * A JSON body must parse and be an object: Payload's handlers take `data` as one and fail on anything else. A body
 * sent under another content type is still checked for NUL when it parses as JSON, because some of Payload's handlers
 * (saving a preference) call `req.json()` whatever the content type says.
 */
function jsonBodyProblem(contentType: string | null, body: Uint8Array): string | undefined {
  const declaredJson = contentType?.toLowerCase().includes('application/json') ?? false
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'))
  } catch {
    return declaredJson ? 'The body must be JSON.' : undefined
  }
  if (declaredJson && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) return 'The body must be a JSON object.'
  const nul = findNul(parsed, 'body')
  return nul ? nulMessage(nul) : undefined
}

const QS_OPTIONS = { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true } as const

/** The query Payload will act on: the URL's, or, with X-HTTP-Method-Override: GET and a form body, Payload's join of both. */
function effectiveQuery(request: Request, body: Uint8Array | undefined): Record<string, unknown> {
  let url = request.url
  if (isMethodOverride(request) && body && request.headers.get('content-type') === 'application/x-www-form-urlencoded') {
    url = `${request.url}?${Buffer.from(body).toString('utf8')}` // exactly as handleEndpoints builds it
  }
  return qs.parse(new URL(url).search, QS_OPTIONS) as Record<string, unknown>
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
  const nul = findNul(query, '')
  if (nul) return [{ param: nul, message: nulMessage(`The query parameter ${nul}`) }]
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

/**
 * Routes Payload mounts on every collection that this app's collections cannot serve (Payload would answer 500):
 * versions where none are kept, e-mail verification where it is off, schedules where none are defined, and deleting a
 * preference (Payload's Postgres query for it is broken in 3.90.1; the admin never sends it).
 */
const UNSERVED: { method: string; path: string; when: (c: SanitizedCollectionConfig, config: SanitizedConfig) => boolean; status: number; message: string }[] = [
  { method: '*', path: '/versions', when: (c) => !c.versions, status: 404, message: 'This collection keeps no versions.' },
  { method: '*', path: '/versions/:id', when: (c) => !c.versions, status: 404, message: 'This collection keeps no versions.' },
  { method: 'post', path: '/verify/:id', when: (c) => !c.auth?.verify, status: 404, message: 'E-mail verification is off.' },
  {
    method: 'get',
    path: '/handle-schedules',
    when: (c, config) => c.slug === 'payload-jobs' && !config.jobs?.tasks?.some((t) => t.schedule?.length),
    status: 404,
    message: 'No task has a schedule.',
  },
  { method: 'delete', path: '/:key', when: (c) => c.slug === 'payload-preferences', status: 405, message: 'Preferences cannot be deleted; save an empty value instead.' },
]

/** Payload's routes that write `data`: they need a JSON object (or the admin's multipart form) as the body. */
const DATA_ROUTES = new Set(['post /', 'patch /', 'patch /:id', 'post /login', 'post /first-register', 'post /forgot-password', 'post /reset-password', 'post /unlock'])

/** Decisions about the route itself: routes the collection cannot serve, ids that can exist, bodies data routes need. */
function checkRoute(config: SanitizedConfig, segments: string[], method: string, read: Extract<Bounded, { ok: true }>): Response | undefined {
  const [first, ...rest] = segments
  const collection: SanitizedCollectionConfig | undefined = config.collections.find((c) => c.slug === first)
  const endpoints = collection ? collection.endpoints : config.endpoints
  const path = '/' + (collection ? rest : segments).map((s) => encodeURIComponent(s)).join('/')
  const found = findEndpoint(endpoints, method, path)
  if (!found) return undefined // Payload answers 404 itself
  if (collection) {
    const unserved = UNSERVED.find((u) => (u.method === '*' || u.method === method) && u.path === found.endpoint.path && u.when(collection, config))
    if (unserved) return refuse(unserved.status, unserved.message)
  }
  for (const [name, value] of Object.entries(found.params)) {
    if (value === undefined || !(name === 'id' || /Id$/.test(name))) continue
    const check = checkId(value, name)
    if (!check.ok) return refuse(pathIdStatus(check), check.reason === 'malformed' ? check.message : `No record ${value}.`)
  }
  if (collection && DATA_ROUTES.has(`${method} ${found.endpoint.path}`)) {
    const type = read.request.headers.get('content-type')?.toLowerCase() ?? ''
    const multipart = type.startsWith('multipart/form-data')
    if (!multipart && !(type.includes('application/json') && read.body?.byteLength)) {
      const message = 'Send the fields as a JSON object (Content-Type: application/json).'
      return refuse(400, message, [{ param: 'body', message }])
    }
  }
  return undefined
}

/** Payload serves a POST with X-HTTP-Method-Override: GET as a GET (handleEndpoints), so the guard decides as for one. */
const isMethodOverride = (request: Request) =>
  request.method.toUpperCase() === 'POST' &&
  (request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override')) === 'GET'

/** Wraps one of Payload's REST route handlers (GET, POST, PATCH, PUT, DELETE, OPTIONS under /api/[...slug]). */
export function guardRest(configArg: ConfigArg, handler: RestHandler) {
  return async (request: Request, args: RouteArgs & HostInfo): Promise<Response> => {
    const read = await bounded(request, args)
    if (!read.ok) return read.response
    const config = await configArg
    const { slug: segments } = await args.params
    if (findNul(segments, 'path')) return refuse(400, nulMessage('The path'))
    const method = isMethodOverride(request) ? 'get' : request.method.toLowerCase()
    const routeProblem = checkRoute(config, segments ?? [], method, read)
    if (routeProblem) return routeProblem
    const collection = config.collections.find((c) => c.slug === segments?.[0])?.slug
    const problems = checkQuery(effectiveQuery(read.request, read.body), config, collection)
    if (problems.length) return refuse(400, problems[0].message, problems)
    return corsForCaches(config, await handler(read.request, { params: args.params }))
  }
}

/**
 * CORS and shared caches, with CORS on (SITE_ORIGINS): Payload answers each allowed Origin with its own
 * Access-Control-Allow-Origin and credentials, so every answer carries `Vary: Origin`; and a public, cacheable answer
 * (the OpenAPI document, the API docs) is readable from any origin without credentials rather than naming one.
 */
export function corsForCaches(config: Pick<SanitizedConfig, 'cors'>, response: Response): Response {
  if (!config.cors) return response
  const headers = new Headers(response.headers)
  const vary = headers.get('vary')
  if (!vary || !/(^|,)\s*(origin|\*)\s*(,|$)/i.test(vary)) headers.set('vary', vary ? `${vary}, Origin` : 'Origin')
  const cacheControl = headers.get('cache-control') ?? ''
  if (/\bpublic\b/i.test(cacheControl) && headers.has('access-control-allow-origin')) {
    headers.set('access-control-allow-origin', '*')
    headers.delete('access-control-allow-credentials')
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/**
 * Wraps Payload's GraphQL route handler: the same body limit, client address and Vary (query rules:
 * ./graphqlArguments.ts).
 */
export function guardGraphQL(configArg: ConfigArg, handler: GraphQLHandler) {
  return async (request: Request, host?: HostInfo): Promise<Response> => {
    const read = await bounded(request, host)
    if (!read.ok) return read.response
    const response = await handler(read.request)
    return corsForCaches(await configArg, response)
  }
}
