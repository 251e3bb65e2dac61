import type { CollectionConfig, Field } from 'payload'

import { instantProblem } from '../domain/instants'
import { bulkAllOrNothing } from '../hooks/bulkAllOrNothing'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced'

type DateValidate = (value: unknown, options: { previousValue?: unknown; path?: (string | number)[] }) => true | string | Promise<true | string>

/** Every `date` field, at any depth, validates its value as an instant with an offset before its own rule runs. */
function strictDates(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'date') {
      const own = field.validate as DateValidate | undefined
      const label = typeof field.label === 'string' ? field.label : field.name
      const validate: DateValidate = (value, options) => {
        const problem = instantProblem(value, label[0].toUpperCase() + label.slice(1), options?.previousValue)
        if (problem) return problem
        return own ? own(value, options) : true
      }
      return { ...field, validate } as Field
    }
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: strictDates(field.fields) } as Field
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((t) => ({ ...t, fields: strictDates(t.fields) })) }
    if (field.type === 'blocks') return { ...field, blocks: field.blocks.map((b) => ({ ...b, fields: strictDates(b.fields) })) }
    return field
  })
}

/**
 * Rules every collection follows, whatever its own config says: instants carry an offset and name a real date, a
 * record still referred to is not deleted (409), and a bulk write that fails for some documents changes none.
 */
export const withInputRules = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: strictDates(collection.fields),
  hooks: {
    ...collection.hooks,
    beforeDelete: [refuseDeleteWhileReferenced, ...(collection.hooks?.beforeDelete ?? [])],
    afterOperation: [...(collection.hooks?.afterOperation ?? []), bulkAllOrNothing],
  },
})
