import type { CollectionBeforeOperationHook, Field, FieldHook, PayloadRequest, SanitizedConfig, Validate } from 'payload'

import { checkId } from '../domain/ids'
import { instantProblem } from '../domain/instants'
import { findNul, nulMessage } from '../domain/nulCharacters'
import { bulkAllOrNothing } from '../hooks/bulkAllOrNothing'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced'
import { badRequest } from '../utilities/errors'

type Options = { previousValue?: unknown; req: PayloadRequest; path?: (string | number)[] }
type Check = (value: unknown, options: Options) => string | undefined | Promise<string | undefined>

const labelOf = (field: { name: string; label?: unknown }) => {
  const label = typeof field.label === 'string' ? field.label : field.name
  return label[0].toUpperCase() + label.slice(1)
}

/** The id inside a relationship value: a number, its digits, or a populated `{ id }`. */
const relationId = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) && 'id' in v ? (v as { id: unknown }).id : v)

type Relation = { name: string; label?: unknown; relationTo: string | string[]; hasMany?: boolean }
type Target = { collection: string; id: number }

/**
 * The records a relationship value names: ids for one collection; `{ relationTo, value }` each for several (Payload
 * reads `relationTo` off every entry before validating). A string message when the value is not of that shape.
 */
function targetsOf(field: Relation, value: unknown, label: string): Target[] | string {
  const entries = Array.isArray(value) ? value : [value]
  const many = Array.isArray(field.relationTo) ? field.relationTo : undefined
  const targets: Target[] = []
  for (const entry of entries) {
    const to = many ? (isObject(entry) ? entry.relationTo : undefined) : (field.relationTo as string)
    if (many && (typeof to !== 'string' || !many.includes(to)))
      return entryMessage(field, label)
    const v = relationId(many ? (entry as { value?: unknown }).value : entry)
    const check = checkId(typeof v === 'string' ? v.trim() : v, label)
    if (!check.ok) return check.message
    targets.push({ collection: to as string, id: check.id })
  }
  return targets
}

const entryMessage = (field: Relation, label: string) =>
  `${label} must be ${field.hasMany ? 'a list of ' : ''}{ relationTo, value } with relationTo one of: ${[field.relationTo].flat().join(', ')}.`

const keyOf = (t: Target) => `${t.collection}:${t.id}`

/** One record id, or a list of them for hasMany, and every one of them exists (unchanged values are not re-read). */
const relationCheck =
  (field: Relation): Check =>
  async (value, { previousValue, req }) => {
    if (value === null || value === undefined) return undefined
    const label = labelOf(field)
    if (Array.isArray(value) && !field.hasMany) return `${label} takes one record${Array.isArray(field.relationTo) ? '' : ' id'}, not a list.`
    const targets = targetsOf(field, value, label)
    if (typeof targets === 'string') return targets
    const before = previousValue === null || previousValue === undefined ? [] : targetsOf(field, previousValue, label)
    const previous = new Set(typeof before === 'string' ? [] : before.map(keyOf))
    const fresh = targets.filter((t) => !previous.has(keyOf(t)))
    // actions and server code write ids they just read (and the worker writes many): the foreign key guards them
    if (fresh.length === 0 || req.context?.trusted || req.payloadAPI === 'local') return undefined
    for (const collection of new Set(fresh.map((t) => t.collection))) {
      const ids = [...new Set(fresh.filter((t) => t.collection === collection).map((t) => t.id))]
      const { totalDocs } = await req.payload.count({ collection: collection as never, where: { id: { in: ids } }, req, overrideAccess: true })
      if (totalDocs !== ids.length) return `${label}: no ${collection} record ${ids.join(', ')}.`
    }
    return undefined
  }

/** A select takes one of its values (a list only when hasMany): anything else would reach a Postgres enum. */
const selectCheck =
  (field: { name: string; label?: unknown; hasMany?: boolean }): Check =>
  (value) => {
    if (value === null || value === undefined) return undefined
    if (Array.isArray(value) && !field.hasMany) return `${labelOf(field)} takes one value, not a list.`
    const values = Array.isArray(value) ? value : [value]
    return values.every((v) => typeof v === 'string') ? undefined : `${labelOf(field)} must be one of its options.`
  }

/** Text fields take text: Payload's email handling and unique indexes assume a string. */
const textCheck =
  (field: { name: string; label?: unknown; hasMany?: boolean }): Check =>
  (value, { req }) => {
    if (value === null || value === undefined || req.context?.trusted || req.payloadAPI === 'local') return undefined
    const values = field.hasMany && Array.isArray(value) ? value : [value]
    if (!values.every((v) => typeof v === 'string')) return `${labelOf(field)} must be text.`
    return findNul(values, '') === undefined ? undefined : nulMessage(labelOf(field))
  }

const textFirst =
  (field: { name: string; label?: unknown; hasMany?: boolean }): FieldHook =>
  async ({ value, req, path }) => {
    const problem = await textCheck(field)(value, { req })
    if (problem) throw badRequest(problem, path?.join('.') ?? field.name)
    return value
  }

const dateCheck =
  (field: { name: string; label?: unknown }): Check =>
  (value, { previousValue }) =>
    instantProblem(value, labelOf(field), previousValue)

/** Runs `check` before the field's own validation (Payload's default or the collection's). */
function guardValidate(target: Field, check: Check) {
  const field = target as { validate?: Validate }
  const own = field.validate
  field.validate = (async (value: unknown, options: Options) => {
    const problem = await check(value, options)
    if (problem) return problem
    return own ? (own as (v: unknown, o: Options) => unknown)(value, options) : true
  }) as Validate
}

function strictFields(fields: Field[]): void {
  for (const field of fields) {
    if (field.type === 'date') guardValidate(field, dateCheck(field))
    else if (field.type === 'relationship' || field.type === 'upload') guardValidate(field, relationCheck(field as never))
    else if (field.type === 'select') guardValidate(field, selectCheck(field))
    else if (field.type === 'text' || field.type === 'textarea' || field.type === 'email' || field.type === 'code') {
      guardValidate(field, textCheck(field as never))
      // field hooks run before validation (Payload's email hook lower-cases whatever it gets): check first there too
      if (field.hooks?.beforeChange?.length) field.hooks.beforeChange.unshift(textFirst(field as never))
    }
    if ('fields' in field && Array.isArray(field.fields)) strictFields(field.fields)
    if (field.type === 'tabs') field.tabs.forEach((t) => strictFields(t.fields))
    if (field.type === 'blocks') field.blocks.forEach((b) => strictFields(b.fields))
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Where the data does not have the shape of the fields (a group given `null` or a number, an array given an object),
 * or undefined. Payload's field hooks read into groups and rows before any validation runs, and fail on those.
 */
function shapeProblem(fields: Field[], data: Record<string, unknown>, at: string): { path: string; message: string } | undefined {
  for (const field of fields) {
    const named = 'name' in field && field.name ? field.name : undefined
    if (!named) {
      // rows, collapsibles and unnamed tabs hold fields at this level
      if ('fields' in field && Array.isArray(field.fields)) {
        const found = shapeProblem(field.fields, data, at)
        if (found) return found
      }
      if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          const found = 'name' in tab && tab.name ? shapeOf(tab.fields, data[tab.name], `${at}${tab.name}`, 'group') : shapeProblem(tab.fields, data, at)
          if (found) return found
        }
      }
      continue
    }
    if (!(named in data) || data[named] === undefined) continue
    if ((field.type === 'relationship' || field.type === 'upload') && Array.isArray(field.relationTo)) {
      const found = polymorphicShape(field as Relation, data[named], `${at}${named}`)
      if (found) return found
    } else if (field.type === 'group') {
      const found = shapeOf(field.fields, data[named], `${at}${named}`, 'group')
      if (found) return found
    } else if (field.type === 'array' || field.type === 'blocks') {
      const value = data[named]
      if (value === null) continue
      if (!Array.isArray(value)) return { path: `${at}${named}`, message: `${named} must be a list.` }
      for (let i = 0; i < value.length; i++) {
        const rowFields = field.type === 'array' ? field.fields : (field.blocks.find((b) => isObject(value[i]) && b.slug === value[i].blockType)?.fields ?? [])
        const found = shapeOf(rowFields, value[i], `${at}${named}.${i}`, 'row')
        if (found) return found
      }
    }
  }
  return undefined
}

/** Payload's field hook reads `relationTo` off each entry of a relationship to several collections before validating. */
function polymorphicShape(field: Relation, value: unknown, path: string) {
  if (value === null) return undefined
  if (Array.isArray(value) !== (field.hasMany === true)) return { path, message: `${path} takes ${field.hasMany ? 'a list' : 'one record, not a list'}.` }
  const entries = Array.isArray(value) ? value : [value]
  const one = (v: unknown) => isObject(v) && typeof v.relationTo === 'string' && field.relationTo.includes(v.relationTo)
  if (entries.every(one)) return undefined
  return { path, message: entryMessage(field, path) }
}

function shapeOf(fields: Field[], value: unknown, path: string, what: 'group' | 'row') {
  if (!isObject(value)) return { path, message: `${path} must be an object of its fields${what === 'row' ? ' (one per row)' : ''}.` }
  return shapeProblem(fields, value, `${path}.`)
}

/** Refuses a create or update whose data does not have the fields' shape: 400 naming where. */
const shapedData = (fields: Field[]): CollectionBeforeOperationHook => ({ args, operation, req }) => {
  if (req.payloadAPI === 'local' || (operation !== 'create' && operation !== 'update' && operation !== 'updateByID')) return args
  const data = (args as { data?: unknown }).data
  if (data === undefined || data === null) return args
  if (!isObject(data)) throw badRequest('Send the fields as a JSON object.', 'data')
  const problem = shapeProblem(fields, data, '')
  if (problem) throw badRequest(problem.message, problem.path)
  return args
}

const applied = new WeakSet<SanitizedConfig>()

/**
 * Rules every collection follows — Payload's own included, and the fields Payload adds (timestamps, auth) — applied
 * to the sanitized config at init: instants carry an offset and name a real date; a relationship holds record ids
 * that exist (one unless hasMany); a select one of its values; a text field text; groups and arrays their shape
 * (checked before Payload's field hooks read into them); a record still referred to is not deleted (409); and
 * a bulk write that fails for some documents changes none. Each is a 400 naming the field, never a database error.
 */
export function applyInputRules(config: SanitizedConfig): void {
  if (applied.has(config)) return
  applied.add(config)
  for (const collection of config.collections) {
    strictFields(collection.fields)
    collection.hooks.beforeOperation = [shapedData(collection.fields), ...(collection.hooks.beforeOperation ?? [])]
    collection.hooks.beforeDelete = [refuseDeleteWhileReferenced, ...(collection.hooks.beforeDelete ?? [])]
    collection.hooks.afterOperation = [...(collection.hooks.afterOperation ?? []), bulkAllOrNothing]
  }
}
