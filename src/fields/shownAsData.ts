import type { Field, JSONField } from 'payload'

/** Our read-only view of a JSON value in words (src/components/admin/DataView.tsx). */
export const DATA_VIEW = '/components/admin/DataView#DataView'

/**
 * A JSON field the admin shows as data in words, read-only, instead of Payload's JSON editor: that editor (Monaco) is
 * fetched from a public CDN when the field is drawn, so offline it is a blank box and console errors. The stored
 * value, the REST and GraphQL answers and the schema are unchanged; only the admin's component is ours.
 */
export const shownAsData = (field: JSONField, component: string = DATA_VIEW): JSONField => ({
  ...field,
  admin: { ...field.admin, components: { ...field.admin?.components, Field: component } },
})

/** Every JSON field in `fields`, at any depth (tabs, groups, rows, arrays), shown as data: for Payload's own collections. */
export function jsonShownAsData(fields: Field[]): Field[] {
  return fields.map((f): Field => {
    if (f.type === 'json') return f.admin?.components?.Field ? f : shownAsData(f)
    if (f.type === 'tabs') return { ...f, tabs: f.tabs.map((t) => ({ ...t, fields: jsonShownAsData(t.fields) })) }
    if ('fields' in f && Array.isArray(f.fields)) return { ...f, fields: jsonShownAsData(f.fields) } as Field
    return f
  })
}
