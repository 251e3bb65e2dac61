import type { CollectionBeforeDeleteHook, FlattenedField, SanitizedConfig } from 'payload'

import { conflict } from '../utilities/errors'

type Reference = { collection: string; path: string }

const cache = new WeakMap<SanitizedConfig, Map<string, Reference[]>>()

/** Every relationship field (at any depth of groups and arrays) that points at each collection, from the config. */
function referencesTo(config: SanitizedConfig, slug: string): Reference[] {
  let bySlug = cache.get(config)
  if (!bySlug) {
    bySlug = new Map()
    const walk = (collection: string, fields: FlattenedField[], prefix: string) => {
      for (const field of fields) {
        if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
          const list = bySlug!.get(field.relationTo) ?? []
          list.push({ collection, path: prefix + field.name })
          bySlug!.set(field.relationTo, list)
        } else if ((field.type === 'group' || field.type === 'array') && 'flattenedFields' in field) {
          walk(collection, field.flattenedFields, `${prefix}${field.name}.`)
        }
      }
    }
    for (const c of config.collections) walk(c.slug, c.flattenedFields, '')
    cache.set(config, bySlug)
  }
  return bySlug.get(slug) ?? []
}

/**
 * A record others point at is not deleted: the database would refuse it for required relations (a 500), and for the
 * others Payload would quietly blank the history (a job's provider, an audit event's actor). 409 naming what still
 * refers to it; cancel, reject or close the records instead.
 */
export const refuseDeleteWhileReferenced: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  for (const ref of referencesTo(req.payload.config, collection.slug)) {
    const { totalDocs } = await req.payload.count({
      collection: ref.collection as never,
      where: { [ref.path]: { equals: id } },
      req,
      overrideAccess: true,
    })
    if (totalDocs > 0) {
      throw conflict(`${collection.slug} ${id} cannot be deleted: ${totalDocs} ${ref.collection} still refer to it (${ref.path}).`, {
        referencedBy: ref.collection,
        field: ref.path,
      })
    }
  }
}
