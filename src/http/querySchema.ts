import type { FlattenedField, SanitizedConfig } from 'payload'

import type { FieldNode, FieldTree, QuerySchema } from '../domain/queryRules'

/** One field of Payload's sanitized config, as the query rules see it. */
function nodeOf(field: FlattenedField): FieldNode {
  const node = kindOf(field)
  return 'hasMany' in field && field.hasMany ? { ...node, hasMany: true } : node
}

function kindOf(field: FlattenedField): FieldNode {
  switch (field.type) {
    case 'number':
      return { kind: 'number' }
    case 'date':
      return { kind: 'date' }
    case 'checkbox':
      return { kind: 'checkbox' }
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return { kind: 'text' }
    case 'select':
    case 'radio':
      return { kind: 'select', options: field.options.map((o) => (typeof o === 'string' ? o : o.value)) }
    case 'relationship':
    case 'upload':
      return typeof field.relationTo === 'string' ? { kind: 'relationship', relationTo: field.relationTo } : { kind: 'polymorphic' }
    case 'point':
      return { kind: 'point' }
    case 'group':
    case 'array':
      return { kind: field.type, fields: treeOf(field.flattenedFields) }
    default:
      return { kind: 'other' }
  }
}

function treeOf(fields: FlattenedField[]): FieldTree {
  const tree: Record<string, FieldNode> = {}
  for (const field of fields) if ('name' in field && field.name) tree[field.name] = nodeOf(field)
  return tree
}

const cache = new WeakMap<SanitizedConfig, QuerySchema>()

/** Every collection's fields from the sanitized config (ids are serial integers everywhere), built once per config. */
export function querySchemaOf(config: SanitizedConfig): QuerySchema {
  let schema = cache.get(config)
  if (!schema) {
    schema = Object.fromEntries(
      config.collections.map((c) => [c.slug, { ...treeOf(c.flattenedFields), id: { kind: 'id' } satisfies FieldNode }]),
    )
    cache.set(config, schema)
  }
  return schema
}
