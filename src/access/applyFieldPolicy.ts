import type { CollectionBeforeOperationHook, CollectionConfig, Field, FieldAccess, PayloadRequest } from 'payload'

import { refuseUnreadableQueries } from '../hooks/refuseUnreadableQueries'
import { counterpartiesOf } from '../services/access/counterparties'
import {
  asViewerRole,
  canReadField,
  canReadFieldInEveryRelation,
  FIELD_POLICY,
  isPoliced,
  relationTo,
  type PolicedCollection,
  type Relation,
  type Viewer,
} from './fieldPolicy'

/** Someone signing up reads back the account they just created (by its email), with no session yet. */
const SIGNING_UP = 'fieldPolicy.signingUp'
const normalEmail = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : undefined)
const markSignUp: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const email = normalEmail((args as { data?: { email?: unknown } }).data?.email)
  if (!req.user && operation === 'create' && email) req.context[SIGNING_UP] = email
  return args
}

function viewerOf(req: PayloadRequest, collection: PolicedCollection, doc: Record<string, unknown> | undefined): Viewer | null {
  const user = req.user as { id: number; role?: string } | null
  if (user) {
    const role = asViewerRole(user.role)
    return role ? { id: user.id, role } : null
  }
  const signingUp = req.context?.[SIGNING_UP]
  if (collection === 'users' && signingUp && doc?.id != null && normalEmail(doc.email) === signingUp) {
    const role = asViewerRole(doc.role)
    return role ? { id: doc.id as number, role } : null
  }
  return null
}

async function relationOf(req: PayloadRequest, collection: PolicedCollection, viewer: Viewer, doc: Record<string, unknown>): Promise<Relation | null> {
  if (collection !== 'users' || String(doc.id) === String(viewer.id)) return relationTo(collection, viewer, doc)
  return relationTo(collection, viewer, doc, await counterpartiesOf(req, viewer))
}

/**
 * The generated `access.read` of one field. Payload 3.90 calls it with `doc`, the whole document being read (also for
 * fields inside groups and arrays), for every document it returns: lists, by id, create/update answers, GraphQL, and
 * each populated relation at any depth (read by its own find, as the same user, so its own collection's rules apply).
 * Fields inside groups are checked in a later pass than top-level ones, when relations may already be populated
 * (hence ids via `sameId`) and hidden top-level fields already removed (hence `relationKeys` readable in every
 * relation). Without a document (Payload's where/sort validation, `/api/access`): only what the viewer reads of every
 * record they can see.
 */
const readRule =
  (collection: PolicedCollection, path: string): FieldAccess =>
  async ({ req, doc }) => {
    const viewer = viewerOf(req, collection, doc as Record<string, unknown> | undefined)
    if (!viewer) return false
    if (viewer.role === 'ops') return true
    if (!doc) return canReadFieldInEveryRelation(collection, path, viewer.role)
    return canReadField(collection, path, viewer.role, await relationOf(req, collection, viewer, doc as Record<string, unknown>))
  }

const subFieldsOf = (field: Field): Field[] | undefined => ('fields' in field && Array.isArray(field.fields) ? field.fields : undefined)

/**
 * Gives every data field of a collection the read rule of its row in the field policy, and fails at boot when a field
 * has no row or a row names no field: a new field cannot ship without a decision about who reads it.
 */
function withReadRules(collection: PolicedCollection, fields: Field[], prefix: string, used: Set<string>): Field[] {
  const table = FIELD_POLICY[collection].fields as Record<string, unknown>
  return fields.map((field) => {
    if (field.type === 'ui') return field
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withReadRules(collection, tab.fields, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix, used) })) }
    }
    if (!('name' in field) || !field.name) {
      const inner = subFieldsOf(field)
      return inner ? ({ ...field, fields: withReadRules(collection, inner, prefix, used) } as Field) : field
    }
    const path = `${prefix}${field.name}`
    if (path in table) {
      if (field.access?.read) throw new Error(`${collection}.${path}: read access comes from src/access/fieldPolicy.ts, not the field.`)
      used.add(path)
      return { ...field, access: { ...field.access, read: readRule(collection, path) } } as Field
    }
    const inner = subFieldsOf(field)
    if (inner && Object.keys(table).some((key) => key.startsWith(`${path}.`))) {
      return { ...field, fields: withReadRules(collection, inner, `${path}.`, used) } as Field
    }
    throw new Error(`${collection}.${path} has no read rule: add it to src/access/fieldPolicy.ts.`)
  })
}

/** The field policy applied to one collection: field read rules, the fields they depend on, the where/sort guard. */
export function applyFieldPolicy<T extends CollectionConfig>(config: T): T {
  const slug = config.slug
  if (!isPoliced(slug)) throw new Error(`Collection ${slug} has no field policy in src/access/fieldPolicy.ts.`)
  const used = new Set<string>()
  const fields = withReadRules(slug, config.fields, '', used)
  const unused = Object.keys(FIELD_POLICY[slug].fields).filter((key) => !used.has(key))
  if (unused.length) throw new Error(`src/access/fieldPolicy.ts names fields ${slug} does not have: ${unused.join(', ')}.`)
  const forceSelect = Object.fromEntries(FIELD_POLICY[slug].relationKeys.map((key) => [key, true]))
  return {
    ...config,
    fields,
    forceSelect: { ...(config.forceSelect as object), ...forceSelect },
    hooks: {
      ...config.hooks,
      beforeOperation: [...(config.auth ? [markSignUp] : []), refuseUnreadableQueries(slug), ...(config.hooks?.beforeOperation ?? [])],
    },
  }
}
