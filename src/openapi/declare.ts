import type { Endpoint } from 'payload'

/**
 * What a custom endpoint declares about itself for the OpenAPI document (src/openapi/document.ts): who may call it,
 * its parameters, body and answers. Action endpoints get theirs from their spec (`actionEndpoint`); every other custom
 * endpoint wraps itself in `documented(...)`. A custom endpoint without a declaration fails the document's build, and
 * so a unit test.
 */

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it); `$ref`s point at `#/components/schemas/<Name>`. */
export type Schema = Record<string, unknown>

export type Answer = {
  description: string
  /** The JSON body's schema; an error answer (4xx, 5xx) without one has Payload's error shape. */
  schema?: Schema
  /** A body that is not JSON (text/calendar, Prometheus text, HTML, a script). */
  contentType?: string
}

export type EndpointDoc = {
  summary: string
  description?: string
  /** Who may call it: anyone, any signed-in user, Ops only, or whoever holds METRICS_TOKEN. */
  auth: 'none' | 'user' | 'ops' | 'metricsToken'
  tag: string
  params?: { name: string; in: 'path' | 'query'; description: string; required?: boolean; schema: Schema }[]
  body?: { schema: Schema; required?: boolean }
  /** By HTTP status. */
  responses: Record<number, Answer>
}

export const OPENAPI_KEY = 'openapi'

/** The endpoint, carrying its declaration in `custom.openapi`. */
export const documented = (endpoint: Endpoint, doc: EndpointDoc): Endpoint => ({ ...endpoint, custom: { ...endpoint.custom, [OPENAPI_KEY]: doc } })

export const declarationOf = (endpoint: Endpoint): EndpointDoc | undefined => endpoint.custom?.[OPENAPI_KEY] as EndpointDoc | undefined

/** Small schema helpers, so declarations read as what they say. */
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
export const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
})
export const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) })
export const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) })
export const num = (description?: string): Schema => ({ type: 'number', ...(description ? { description } : {}) })
export const bool = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) })
export const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] })
export const idParam = (what: string) => ({ name: 'id', in: 'path' as const, required: true, description: `The ${what}'s id.`, schema: int() })
