import type { CollectionBeforeOperationHook, FlattenedField } from 'payload'

import { asViewerRole, canReadFieldInEveryRelation, isSystemField, type PolicedCollection } from '../access/fieldPolicy'
import { badRequest } from '../utilities/errors'

/** Operations that take a `where`, a `sort` or a distinct `field` from the client. */
const QUERYING = new Set(['read', 'count', 'readDistinct', 'update', 'delete'])

type Queried = { path: string; nestedWhere: boolean; what: 'filter on' | 'sort by' | 'list the values of' }

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Every field path a `where` names, at any depth of `and` / `or`. GraphQL writes `a__b` for `a.b`. */
function wherePaths(where: unknown, out: Queried[] = []): Queried[] {
  if (!isPlainObject(where)) return out
  for (const [key, constraint] of Object.entries(where)) {
    if (['and', 'or'].includes(key.toLowerCase()) && Array.isArray(constraint)) {
      for (const item of constraint) wherePaths(item, out)
      continue
    }
    const nestedWhere = isPlainObject(constraint) && Object.values(constraint).some(isPlainObject)
    out.push({ path: key.replace(/__/g, '.'), nestedWhere, what: 'filter on' })
  }
  return out
}

function sortPaths(sort: unknown): Queried[] {
  const items = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return items
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim().replace(/^[-+]/, '').replace(/__/g, '.'))
    .filter(Boolean)
    .map((path) => ({ path, nestedWhere: false, what: 'sort by' as const }))
}

type Resolved = { policyPath: string; relationship: boolean; traverses: boolean }

/** Where a path lands in this collection: the field it names (a group's, an array's or a JSON field's path covers what is inside). */
function resolve(fields: FlattenedField[], path: string): Resolved | null {
  const segments = path.split('.')
  const own: string[] = []
  let current = fields
  for (let i = 0; i < segments.length; i++) {
    const field = current.find((f) => f.name === segments[i])
    if (!field) return null
    own.push(field.name)
    const rest = segments.slice(i + 1)
    if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') {
      const traverses = !(rest.length === 0 || (rest.length === 1 && rest[0] === 'id'))
      return { policyPath: own.join('.'), relationship: true, traverses }
    }
    if ((field.type === 'group' || field.type === 'array' || field.type === 'tab') && rest.length) {
      current = field.flattenedFields
      continue
    }
    return { policyPath: own.join('.'), relationship: false, traverses: false }
  }
  return { policyPath: own.join('.'), relationship: false, traverses: false }
}

/**
 * A customer or provider may filter, sort or list distinct values only on fields they can read on every record of the
 * collection they can see (the field policy's `canReadFieldInEveryRelation`), and never through a relationship to
 * another collection (`customer.email`): the database would order or select rows by values the response hides, which
 * is an oracle. Filtering on the relationship itself (`customer`, `customer.id`) is fine. Refused with 400 naming the
 * path. Ops, and the server acting with `overrideAccess`, are not limited.
 */
export const refuseUnreadableQueries =
  (collection: PolicedCollection): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (!QUERYING.has(operation) || (args as { overrideAccess?: boolean }).overrideAccess === true) return args
    const role = asViewerRole((req.user as { role?: string } | null)?.role)
    if (role === 'ops') return args
    const { where, sort, field } = args as { where?: unknown; sort?: unknown; field?: unknown }
    const queried = [
      ...wherePaths(where),
      ...sortPaths(sort),
      ...(typeof field === 'string' ? [{ path: field, nestedWhere: false, what: 'list the values of' as const }] : []),
    ]
    const fields = (args as { collection: { config: { flattenedFields: FlattenedField[] } } }).collection.config.flattenedFields
    for (const { path, nestedWhere, what } of queried) {
      if (path === 'id' || path === '_id') continue
      const resolved = resolve(fields, path)
      if (!resolved) throw badRequest(`You cannot ${what} "${path}": there is no such field you can read.`, path)
      if (resolved.traverses || (resolved.relationship && nestedWhere)) {
        throw badRequest(`You cannot ${what} "${path}": queries do not follow relationships; use "${resolved.policyPath}" (its id).`, path)
      }
      if (!isSystemField(resolved.policyPath) && !canReadFieldInEveryRelation(collection, resolved.policyPath, role)) {
        throw badRequest(`You cannot ${what} "${path}": it is not a field you can read on every record you see.`, path)
      }
    }
    return args
  }
