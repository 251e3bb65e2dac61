import http from 'node:http'
import type { AddressInfo } from 'node:net'
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
async function createDatabase(): Promise<string> {
  const server = process.env.TEST_PG_SERVER
  if (!server) throw new Error('TEST_PG_SERVER is not set: run integration tests through jest (globalSetup).')
  const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const client = new pg.Client({ connectionString: `${server}/postgres` })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  return `${server}/${name}`
}

/** Turns a Node request into a Fetch Request, as Next.js does before it calls Payload's route handlers. */
async function toFetchRequest(req: http.IncomingMessage, baseUrl: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = chunks.length ? Buffer.concat(chunks) : undefined
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x))
    else if (v !== undefined) headers.set(k, v)
  }
  return new Request(new URL(req.url ?? '/', baseUrl), {
    method: req.method,
    headers,
    body: body && req.method !== 'GET' && req.method !== 'HEAD' ? body : undefined,
  })
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
  const rest = {
    GET: REST_GET(config),
    POST: REST_POST(config),
    PATCH: REST_PATCH(config),
    PUT: REST_PUT(config),
    DELETE: REST_DELETE(config),
    OPTIONS: REST_OPTIONS(config),
  } as Record<string, (r: Request, a: { params: Promise<{ slug: string[] }> }) => Promise<Response>>
  const graphql = GRAPHQL_POST(config)

  let baseUrl = ''
  const server = http.createServer(async (req, res) => {
    try {
      const request = await toFetchRequest(req, baseUrl)
      const { pathname } = new URL(request.url)
      let response: Response
      if (pathname === '/api/graphql' && request.method === 'POST') response = await graphql(request)
      else if (pathname.startsWith('/api/') && rest[request.method]) {
        const slug = pathname.slice('/api/'.length).split('/').map(decodeURIComponent)
        response = await rest[request.method](request, { params: Promise.resolve({ slug }) })
      } else response = new Response('not found', { status: 404 })
      res.statusCode = response.status
      response.headers.forEach((v, k) => res.setHeader(k, v))
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
