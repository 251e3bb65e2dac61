import { configToJSONSchema, type SanitizedConfig } from 'payload'

import { obj, ref, type Schema } from './declare'

/** Payload's own collections (jobs queue, preferences, locks, migrations, key-value): the admin's and the worker's. */
export const isInternalCollection = (slug: string) => slug.startsWith('payload-')

/** Auth bookkeeping Payload keeps on accounts and never returns. */
const NEVER_RETURNED = ['salt', 'hash', 'password', 'resetPasswordToken', 'resetPasswordExpiration']

const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/definitions/', '#/components/schemas/') : rewriteRefs(v)]),
  )
}

/**
 * The components of the document: each app collection's record, from the same JSON Schema Payload generates
 * src/payload-types.ts from (so a field added to a collection is in the document on the next build), and the shapes
 * every route shares. A record's fields are all optional except its id and timestamps: what a reader gets depends on
 * the field policy (docs/access-control.md) — a field they may not read is left out.
 */
export function componentSchemas(config: SanitizedConfig): Record<string, Schema> {
  const definitions = (configToJSONSchema(config, 'number').definitions ?? {}) as Record<string, Schema>
  const schemas: Record<string, Schema> = {}
  const add = (name: string) => {
    if (schemas[name] || !definitions[name]) return
    const def = rewriteRefs(definitions[name]) as Schema & { properties?: Record<string, Schema>; required?: string[] }
    const properties = Object.fromEntries(Object.entries(def.properties ?? {}).filter(([k]) => !NEVER_RETURNED.includes(k)))
    schemas[name] = { ...def, properties, required: (def.required ?? []).filter((k) => ['id', 'createdAt', 'updatedAt'].includes(k)) }
    // a relation to another definition brings that one in
    JSON.stringify(def).replace(/#\/components\/schemas\/([\w-]+)/g, (_, target: string) => {
      add(target)
      return ''
    })
  }
  for (const c of config.collections) if (!isInternalCollection(c.slug)) add(c.slug)
  return {
    ...schemas,
    Error: {
      type: 'object',
      description:
        "Payload's error shape. A bad field is named in `errors[0].data.errors[].path`; a stale version answers `errors[0].data` `{ currentVersion, state }`.",
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              message: { type: 'string' },
              name: { type: 'string' },
              data: {
                oneOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    properties: { errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } },
                  },
                ],
              },
            },
            required: ['message'],
          },
        },
      },
      required: ['errors'],
    },
    EventRef: { ...obj({ id: { type: 'integer', description: 'The domain event the action raised (docs/webhooks.md).' } }) },
    Message: obj({ message: { type: 'string' } }),
  }
}

/** A page of a collection's records, as `GET /api/<slug>` answers. */
export const paginated = (slug: string): Schema =>
  obj({
    docs: { type: 'array', items: ref(slug) },
    totalDocs: { type: 'integer' },
    limit: { type: 'integer' },
    totalPages: { type: 'integer' },
    page: { type: 'integer' },
    pagingCounter: { type: 'integer' },
    hasPrevPage: { type: 'boolean' },
    hasNextPage: { type: 'boolean' },
    prevPage: { type: ['integer', 'null'] },
    nextPage: { type: ['integer', 'null'] },
  })

/** What a create or update of one record answers. */
export const oneDoc = (slug: string): Schema => ({ ...obj({ doc: ref(slug), message: { type: 'string' } }, ['doc']) })

/** What a bulk update or delete answers: the records done and those that failed. */
export const bulk = (slug: string): Schema =>
  obj(
    {
      docs: { type: 'array', items: ref(slug) },
      errors: { type: 'array', items: { type: 'object', properties: { id: {}, message: { type: 'string' } } } },
      message: { type: 'string' },
    },
    ['docs', 'errors'],
  )
