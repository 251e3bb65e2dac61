import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import pg from 'pg'
import type { Payload, SanitizedConfig } from 'payload'

import { closePayload } from '../../src/db/close'

export type TestApp = {
  payload: Payload
  config: SanitizedConfig
  baseUrl: string
  databaseUri: string
  close: () => Promise<void>
}

/** Creates an empty database on the run's Postgres server. */
export async function createDatabase(): Promise<string> {
  const server = process.env.TEST_PG_SERVER
  if (!server) throw new Error('TEST_PG_SERVER is not set: run integration tests through jest (globalSetup).')
  const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const client = new pg.Client({ connectionString: `${server}/postgres` })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  return `${server}/${name}`
}

/**
 * Turns a Node request into a Fetch Request, as Next.js does before it calls the route handlers: the body streams
 * (the request guard, not the harness, decides how much of it is read).
 */
function toFetchRequest(req: http.IncomingMessage, baseUrl: string): Request {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x))
    else if (v !== undefined) headers.set(k, v)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(new URL(req.url ?? '/', baseUrl), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit)
}

/** The decoded path segments after /api/, as Next.js gives them to a catch-all route; undefined when one cannot be decoded. */
function slugOf(pathname: string): string[] | undefined {
  try {
    return pathname.slice('/api/'.length).split('/').map(decodeURIComponent)
  } catch {
    return undefined
  }
}

/**
 * A fresh database with the committed migrations applied, Payload on it, and a real HTTP server in front of Payload's
 * own REST and GraphQL route handlers (the ones Next.js mounts under /api). Tests talk HTTP to `baseUrl`.
 */
export async function startTestApp({ env = {} }: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const databaseUri = await createDatabase()
  process.env.DATABASE_URI = databaseUri
  Object.assign(process.env, env)
  const { default: configPromise } = await import('../../payload.config')
  const config = await configPromise
  const { getPayload } = await import('payload')
  const payload = await getPayload({ config })
  const { prepareDatabase } = await import('../../src/db/prepare')
  await prepareDatabase(payload, { seedWhenEmpty: false })
  const { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT, GRAPHQL_POST } = await import(
    '@payloadcms/next/routes'
  )
  // the same request guard the Next.js routes use, so every integration test passes it
  const { guardGraphQL, guardRest } = await import('../../src/http/guard')
  const rest = {
    GET: guardRest(config, REST_GET(config)),
    POST: guardRest(config, REST_POST(config)),
    PATCH: guardRest(config, REST_PATCH(config)),
    PUT: guardRest(config, REST_PUT(config)),
    DELETE: guardRest(config, REST_DELETE(config)),
    OPTIONS: guardRest(config, REST_OPTIONS(config)),
  } as Record<string, ReturnType<typeof guardRest>>
  const graphql = guardGraphQL(config, GRAPHQL_POST(config))

  let baseUrl = ''
  const server = http.createServer(async (req, res) => {
    try {
      const request = toFetchRequest(req, baseUrl)
      const { pathname } = new URL(request.url)
      const peerAddress = req.socket.remoteAddress
      let response: Response
      if (pathname === '/api/graphql' && request.method === 'POST') response = await graphql(request, { peerAddress })
      else if (pathname.startsWith('/api/') && rest[request.method]) {
        const slug = slugOf(pathname)
        response = slug
          ? await rest[request.method](request, { params: Promise.resolve({ slug }), peerAddress })
          : new Response('bad path', { status: 400 }) // Next.js refuses a path it cannot decode the same way
      } else response = new Response('not found', { status: 404 })
      res.statusCode = response.status
      response.headers.forEach((v, k) => res.setHeader(k, v))
      // refused before its body was read (413): close the connection rather than read the rest as a next request
      if (!req.readableEnded) res.setHeader('connection', 'close')
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      res.statusCode = 599 // the harness itself failed: never confused with an app status
      res.end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    payload,
    config,
    baseUrl,
    databaseUri,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await closePayload(payload)
    },
  }
}
