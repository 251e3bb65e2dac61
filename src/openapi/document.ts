import type { Endpoint, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import type { AnswerField, BodyField } from '../operations/pipeline'
import { declarationOf, ref, type Answer, type EndpointDoc, type Schema } from './declare'
import { AUTH_ROUTES, COLLECTION_ROUTES, isNobody, ROOT_ROUTES, UNDOCUMENTED_PAYLOAD_ROUTES, UNDOCUMENTED_ROOT_ROUTES, type PayloadOperation } from './payloadRoutes'
import { componentSchemas, isInternalCollection } from './schemas'

/**
 * The OpenAPI 3.1 document of the whole REST surface, built from the config at boot: the collections' records from
 * Payload's own JSON Schema, Payload's routes from src/openapi/payloadRoutes.ts, each action from its spec (the
 * `custom.action` actionEndpoint puts on it) and every other custom endpoint from its `documented(...)` declaration.
 * Nothing is written by hand twice, so it cannot drift: a custom endpoint with neither throws here, naming it.
 */

type Operation = Record<string, unknown>
type Paths = Record<string, Record<string, Operation>>

export class UndocumentedEndpoints extends Error {}

const SECURITY: Record<EndpointDoc['auth'], Record<string, string[]>[]> = {
  none: [{}, { jwt: [] }, { cookie: [] }],
  user: [{ jwt: [] }, { cookie: [] }],
  ops: [{ jwt: [] }, { cookie: [] }],
  metricsToken: [{ metricsToken: [] }, {}],
}

const WHO: Record<EndpointDoc['auth'], string> = {
  none: 'Anyone.',
  user: 'A signed-in user, as the access rules allow.',
  ops: 'Ops only.',
  metricsToken: 'Whoever holds METRICS_TOKEN (open when it is unset).',
}

/** `/:id/schedule/confirm` → `/{id}/schedule/confirm`, and the path parameters it names. */
const openApiPath = (path: string) => ({
  path: path.replace(/:([A-Za-z_]+)\??/g, '{$1}'),
  params: [...path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]),
})

const ERROR_BODY = { 'application/json': { schema: ref('Error') } }

function responses(answers: Record<number, Answer>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(answers).map(([status, a]) => {
      if (Number(status) >= 400 && !a.schema && !a.contentType) return [status, { description: a.description, content: ERROR_BODY }]
      if (a.contentType) return [status, { description: a.description, content: { [a.contentType]: { schema: { type: 'string' } } } }]
      return [status, { description: a.description, ...(a.schema ? { content: { 'application/json': { schema: a.schema } } } : {}) }]
    }),
  )
}

const fieldSchema = (f: BodyField | AnswerField): Schema => {
  if ('record' in f) {
    const record = ref(f.record)
    return { ...(f.nullable ? { oneOf: [record, { type: 'null' }] } : record), ...(f.description ? { description: f.description } : {}) }
  }
  return { type: f.type, description: f.description }
}

/** An action endpoint's operation, from its spec. */
function actionOperation(slug: string, e: Endpoint): Operation {
  const action = e.custom!.action as {
    summary: string
    collection: string
    machine: string
    status: number
    answer: Record<string, AnswerField>
  }
  const body = e.custom!.body as Record<string, BodyField>
  const { params } = openApiPath(e.path)
  const required = Object.entries(body).filter(([, f]) => f.required).map(([k]) => k)
  return {
    tags: [slug],
    summary: action.summary,
    description:
      'An action ([docs/api.md](docs/api.md#every-action-post-idaction)): one transaction, one audit row and one domain event. The answer shows the records as you may read them, `version` one higher.',
    security: SECURITY.user,
    parameters: params.map((name) => ({ name, in: 'path', required: true, description: `The id of the ${slug} record.`, schema: { type: 'integer' } })),
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { type: 'object', properties: Object.fromEntries(Object.entries(body).map(([k, f]) => [k, fieldSchema(f)])), required },
        },
      },
    },
    responses: responses({
      [action.status]: {
        description: 'Done.',
        schema: {
          type: 'object',
          properties: { ...Object.fromEntries(Object.entries(action.answer).map(([k, f]) => [k, fieldSchema(f)])), event: ref('EventRef') },
          required: [...Object.keys(action.answer), 'event'],
        },
      },
      400: { description: 'A body field is missing or invalid (named in `data.errors[].path`), `version` included.' },
      401: { description: 'Not signed in.' },
      403: { description: 'Your role never takes this action, or you are on neither side of the record.' },
      404: { description: 'No such record, or not one you may see.' },
      409: { description: 'The record changed since you read it (`{ currentVersion, state }`), or its state does not allow this.' },
    }),
  }
}

function declaredOperation(slug: string | null, e: Endpoint, doc: EndpointDoc): Operation {
  const { params } = openApiPath(e.path)
  const declared = new Set((doc.params ?? []).filter((p) => p.in === 'path').map((p) => p.name))
  const missing = params.filter((p) => !declared.has(p))
  if (missing.length) throw new UndocumentedEndpoints(`${e.method.toUpperCase()} ${slug ? `/${slug}` : ''}${e.path}: path parameters ${missing.join(', ')} are not declared.`)
  return {
    tags: [doc.tag],
    summary: doc.summary,
    description: [doc.description, `Who: ${WHO[doc.auth]}`].filter(Boolean).join('\n\n'),
    security: SECURITY[doc.auth],
    ...(doc.params?.length ? { parameters: doc.params } : {}),
    ...(doc.body ? { requestBody: { required: doc.body.required ?? true, content: { 'application/json': { schema: doc.body.schema } } } } : {}),
    responses: responses(doc.responses),
  }
}

function payloadOperation(c: SanitizedCollectionConfig | null, key: string, op: PayloadOperation): Operation {
  const nobody = c && isNobody(c, op.access)
  const { params } = openApiPath(key.split(' ')[1])
  const pathParams = params.filter((p) => !(op.params ?? []).some((x) => (x as { name: string }).name === p))
  return {
    tags: [c?.slug ?? 'payload'],
    summary: op.summary,
    description: [
      op.description,
      nobody
        ? 'Nobody may do this through the API (403 for everyone): the records change only through their actions or the system.'
        : c && op.access
          ? `Who: the collection's \`${op.access}\` access rule ([docs/access-control.md](docs/access-control.md)).`
          : `Who: ${WHO[op.auth]}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    security: SECURITY[op.auth],
    parameters: [...pathParams.map((name) => ({ name, in: 'path', required: true, description: 'The record id.', schema: { type: 'integer' } })), ...(op.params ?? [])],
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
    responses: responses(op.responses),
  }
}

const GRAPHQL: Operation = {
  tags: ['graphql'],
  summary: 'GraphQL: every collection, with the same access rules as REST',
  description: 'Queries and mutations for every collection (`{ Jobs { docs { id title } } }`). The schema: introspection, or the playground at /api/graphql-playground outside production.',
  security: SECURITY.none,
  requestBody: {
    required: true,
    content: { 'application/json': { schema: { type: 'object', properties: { query: { type: 'string' }, variables: { type: 'object' }, operationName: { type: 'string' } }, required: ['query'] } } },
  },
  responses: {
    200: {
      description: 'The GraphQL result: `data`, and `errors` with `extensions.statusCode` for refusals.',
      content: { 'application/json': { schema: { type: 'object', properties: { data: { type: ['object', 'null'] }, errors: { type: 'array', items: { type: 'object' } } } } } },
    },
    400: { description: 'Not a GraphQL request.', content: { 'application/json': { schema: { type: 'object' } } } },
  },
}

export function buildOpenApi(config: SanitizedConfig, { version = '0.1.0' }: { version?: string } = {}): Record<string, unknown> {
  const paths: Paths = {}
  const undocumented: string[] = []
  // the first endpoint for a method and path is the one Payload routes to (custom ones come before its own)
  const put = (path: string, method: string, operation: Operation) => {
    const at = (paths[path] ??= {})
    if (at[method]) return
    at[method] = { operationId: `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`, ...operation }
  }
  const routesOf = (c: SanitizedCollectionConfig) => ({ ...COLLECTION_ROUTES, ...(c.auth ? AUTH_ROUTES : {}) })
  for (const c of config.collections) {
    if (isInternalCollection(c.slug)) continue
    const known = routesOf(c)
    for (const e of c.endpoints || []) {
      const key = `${e.method} ${e.path}`
      const { path } = openApiPath(`/api/${c.slug}${e.path === '/' ? '' : e.path}`)
      const doc = declarationOf(e)
      if (e.custom?.action) put(path, e.method, actionOperation(c.slug, e))
      else if (doc) put(path, e.method, declaredOperation(c.slug, e, doc))
      else if (known[key]) put(path, e.method, payloadOperation(c, key, known[key](c)))
      else if (!UNDOCUMENTED_PAYLOAD_ROUTES.has(key)) undocumented.push(`${e.method.toUpperCase()} /api/${c.slug}${e.path}`)
    }
  }
  for (const e of config.endpoints || []) {
    const key = `${e.method} ${e.path}`
    const { path } = openApiPath(`/api${e.path}`)
    const doc = declarationOf(e)
    if (doc) put(path, e.method, declaredOperation(null, e, doc))
    else if (ROOT_ROUTES[key]) put(path, e.method, payloadOperation(null, key, ROOT_ROUTES[key]()))
    else if (!UNDOCUMENTED_ROOT_ROUTES.has(key)) undocumented.push(`${e.method.toUpperCase()} /api${e.path}`)
  }
  if (undocumented.length) {
    throw new UndocumentedEndpoints(
      `Endpoints without a description for the OpenAPI document: ${undocumented.join(', ')}. Wrap custom endpoints in documented(...) (src/openapi/declare.ts).`,
    )
  }
  put('/api/graphql', 'post', GRAPHQL)
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Jobline API',
      version,
      summary: 'The fulfillment backend of a home-services marketplace: jobs, quotes, assignments, visits, payouts.',
      description:
        "Every collection's REST routes (Payload's), the auth routes, every action that changes a state, and the app's own endpoints. Built from the running config, so it is what this server serves. Payload's internal collections (`payload-*`: the jobs queue, preferences, locks) are the admin's and the worker's and are left out. Guides: docs/api.md and docs/webhooks.md.",
    },
    servers: [{ url: config.serverURL || '/' }],
    tags: [
      ...config.collections.filter((c) => !isInternalCollection(c.slug)).map((c) => ({ name: c.slug, description: (c.admin?.description as string) || `The ${c.slug} collection.` })),
      { name: 'graphql', description: 'The GraphQL endpoint.' },
    ],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: componentSchemas(config),
      securitySchemes: {
        jwt: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`JWT <token>` from `POST /api/users/login`.' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'payload-token', description: 'The session cookie login sets (the site and the admin).' },
        metricsToken: { type: 'http', scheme: 'bearer', description: '`Authorization: Bearer <METRICS_TOKEN>` for `GET /api/metrics`.' },
      },
    },
  }
}
