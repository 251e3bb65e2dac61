/**
 * What a list query may ask: `page`, `limit`, `depth` within bounds, and `where` / `sort` naming real fields with
 * values of the field's type. Pure: the fields come in as data (a tree built from Payload's sanitized config by
 * src/http/querySchema.ts), so the rules test without Payload. Every problem names the parameter as the client wrote
 * it (`where[id][in]`, `limit`) and says what to send instead.
 */
import { checkId } from './ids'
import { isCalendarDate } from './instants'
import { parseOffsetDateTime } from './proposals'

export const QUERY_BOUNDS = {
  /** Largest page size; `limit=0` (Payload's "everything") is refused. */
  maxLimit: 500,
  maxPage: 1_000_000,
  /** How deep relationships are populated. */
  maxDepth: 3,
  /** Members of one `in` / `not_in` / `all` list. */
  maxListMembers: 500,
  /** Conditions in one `where`, counting every operator. */
  maxConditions: 100,
  /** `and` / `or` nesting. */
  maxNesting: 5,
  /** Dotted segments of one field path (`job.customer.email`). */
  maxPathSegments: 4,
  /** Fields in one `sort`. */
  maxSortFields: 10,
  /** Characters of one compared value. */
  maxValueLength: 1000,
} as const

export type FieldKind =
  | 'id'
  | 'number'
  | 'relationship'
  | 'date'
  | 'checkbox'
  | 'text'
  | 'select'
  | 'group'
  | 'array'
  /** a relationship to several collections: Payload's Postgres queries on it fail, so it is not filtered or sorted on */
  | 'polymorphic'
  | 'point'
  | 'other'

export type FieldNode = {
  kind: FieldKind
  /** select: the allowed values (a Postgres enum refuses anything else). */
  options?: readonly string[]
  /** relationship, select, text, number: holds a list of values (the only kind `all` applies to). */
  hasMany?: boolean
  /** relationship: the collection it points to (polymorphic relationships are 'other'). */
  relationTo?: string
  /** group / array: the fields inside. */
  fields?: FieldTree
}
export type FieldTree = Readonly<Record<string, FieldNode>>
/** Every collection's field tree, by slug, so a path can follow a relationship into the related collection. */
export type QuerySchema = Readonly<Record<string, FieldTree>>

export type QueryProblem = { param: string; message: string }

export const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
  'within',
  'intersects',
  'near',
] as const
type Operator = (typeof OPERATORS)[number]

const LIST_OPERATORS = new Set<Operator>(['in', 'not_in', 'all'])
const COMPARISONS = new Set<Operator>(['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'])
const TEXT_MATCH = new Set<Operator>(['like', 'not_like', 'contains'])
const GEO = new Set<Operator>(['within', 'intersects', 'near'])

/** Which operators a kind of field takes; the rest are refused rather than sent to a query that cannot run them. */
const operatorsFor = (kind: FieldKind): ((op: Operator) => boolean) => {
  switch (kind) {
    case 'id':
    case 'number':
    case 'date':
      return (op) => COMPARISONS.has(op) || LIST_OPERATORS.has(op) || op === 'exists'
    case 'relationship':
      return (op) => op === 'equals' || op === 'not_equals' || LIST_OPERATORS.has(op) || op === 'exists'
    case 'checkbox':
      return (op) => op === 'equals' || op === 'not_equals' || op === 'exists'
    case 'select':
      return (op) => op === 'equals' || op === 'not_equals' || LIST_OPERATORS.has(op) || op === 'exists'
    case 'text':
      return (op) => !GEO.has(op)
    case 'point':
      return (op) => GEO.has(op) || op === 'equals' || op === 'exists'
    default:
      // JSON and rich text live in jsonb columns: comparing or matching them whole fails in Postgres
      return (op) => op === 'exists'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// page, limit, depth, pagination

const WHOLE = /^\d+$/

/** A whole number from `min` to `max`, given as a number or the digits of a query string. */
function bounded(params: Record<string, unknown>, name: string, min: number, max: number, problems: QueryProblem[]) {
  if (!(name in params) || params[name] === undefined) return
  const raw = params[name]
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && WHOLE.test(raw.trim()) ? Number(raw) : NaN
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push({ param: name, message: `${name} must be a whole number from ${min} to ${max} (got ${show(raw)}).` })
  }
}

const BOOLEAN_STRINGS = ['true', 'false']

/** page ≥ 1, 1 ≤ limit ≤ 500, 0 ≤ depth ≤ 3, and no `pagination=false` without a limit (that would be every row). */
export function checkPaging(params: Record<string, unknown>): QueryProblem[] {
  const problems: QueryProblem[] = []
  bounded(params, 'page', 1, QUERY_BOUNDS.maxPage, problems)
  bounded(params, 'limit', 1, QUERY_BOUNDS.maxLimit, problems)
  bounded(params, 'depth', 0, QUERY_BOUNDS.maxDepth, problems)
  const pagination = params.pagination
  if (pagination !== undefined) {
    if (typeof pagination !== 'boolean' && !BOOLEAN_STRINGS.includes(String(pagination))) {
      problems.push({ param: 'pagination', message: `pagination must be true or false (got ${show(pagination)}).` })
    } else if (String(pagination) === 'false' && params.limit === undefined) {
      problems.push({ param: 'pagination', message: `pagination=false needs a limit (at most ${QUERY_BOUNDS.maxLimit}).` })
    }
  }
  return problems
}

// ---------------------------------------------------------------------------------------------------------------
// where

/** Resolves a dotted path to the field it names, following relationships into the related collection. */
export function resolvePath(schema: QuerySchema, collection: string, path: string): FieldNode | undefined {
  const segments = path.split('.')
  if (segments.length > QUERY_BOUNDS.maxPathSegments || segments.some((s) => !/^\w+$/.test(s))) return undefined
  let tree: FieldTree | undefined = schema[collection]
  let node: FieldNode | undefined
  for (const segment of segments) {
    if (!tree) return undefined
    node = Object.prototype.hasOwnProperty.call(tree, segment) ? tree[segment] : undefined
    if (!node) return undefined
    tree = node.kind === 'relationship' ? (node.relationTo ? schema[node.relationTo] : undefined) : node.fields
  }
  return node
}

/** `[a, b]` from a list, a qs object with index keys, or a comma-separated string (Payload splits those). */
function listMembers(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return value.split(',')
  if (value && typeof value === 'object' && Object.keys(value).every((k) => WHOLE.test(k))) return Object.values(value)
  return undefined
}

const isNullish = (v: unknown) => v === null || v === 'null'

/** Why one compared value does not fit the field, or undefined when it does. */
function valueProblem(node: FieldNode, value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return 'must be a single value, not an object or a list'
  if (typeof value === 'string' && value.length > QUERY_BOUNDS.maxValueLength)
    return `must be at most ${QUERY_BOUNDS.maxValueLength} characters`
  switch (node.kind) {
    case 'id':
    case 'relationship': {
      if (isNullish(value) && node.kind === 'relationship') return undefined
      const id = checkId(typeof value === 'string' ? value.trim() : value)
      return id.ok ? undefined : `must be a record id, a whole number from 1 to 2147483647 (got ${show(value)})`
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? undefined : `must be a number (got ${show(value)})`
    }
    case 'date':
      return isQueryDate(value) ? undefined : `must be a date (2027-01-31) or a date-time with an offset (2027-01-31T09:00:00-05:00) (got ${show(value)})`
    case 'checkbox':
      return value === true || value === false || BOOLEAN_STRINGS.includes(String(value)) ? undefined : `must be true or false (got ${show(value)})`
    case 'select':
      if (isNullish(value)) return undefined
      return node.options?.includes(String(value)) ? undefined : `must be one of ${(node.options ?? []).join(', ')} (got ${show(value)})`
    default:
      return undefined
  }
}

const isQueryDate = (value: unknown) => isCalendarDate(value) || 'date' in parseOffsetDateTime(value, 'date')

/** Checks one field's operators, e.g. `{ in: [1, 2], exists: 'true' }` under `where[id]`. */
function checkCondition(
  node: FieldNode,
  operators: unknown,
  at: string,
  problems: QueryProblem[],
  budget: { conditions: number },
): void {
  if (!operators || typeof operators !== 'object' || Array.isArray(operators)) {
    problems.push({ param: at, message: `${at} must name an operator, such as ${at}[equals]=…` })
    return
  }
  const allowed = operatorsFor(node.kind)
  for (const [op, value] of Object.entries(operators as Record<string, unknown>)) {
    const param = `${at}[${op}]`
    budget.conditions += 1
    if (!(OPERATORS as readonly string[]).includes(op)) {
      problems.push({ param, message: `Unknown operator "${op}"; use one of ${OPERATORS.join(', ')}.` })
      continue
    }
    const operator = op as Operator
    if (!allowed(operator) || (operator === 'all' && !node.hasMany)) {
      problems.push({ param, message: `"${op}" does not apply to a ${node.kind} field.` })
      continue
    }
    if (operator === 'exists') {
      if (value !== true && value !== false && !BOOLEAN_STRINGS.includes(String(value)))
        problems.push({ param, message: `${param} must be true or false (got ${show(value)}).` })
      continue
    }
    if (LIST_OPERATORS.has(operator)) {
      const members = listMembers(value)
      if (!members) {
        problems.push({ param, message: `${param} must be a list of values.` })
        continue
      }
      if (members.length > QUERY_BOUNDS.maxListMembers) {
        problems.push({ param, message: `${param} may have at most ${QUERY_BOUNDS.maxListMembers} members (got ${members.length}).` })
        continue
      }
      const bad = members.findIndex((m) => valueProblem(node, typeof m === 'string' ? m.trim() : m) !== undefined)
      if (bad >= 0) problems.push({ param: `${param}[${bad}]`, message: `${param}[${bad}] ${valueProblem(node, members[bad])}.` })
      continue
    }
    if (TEXT_MATCH.has(operator) && node.kind === 'text' && typeof value !== 'string' && typeof value !== 'number') {
      problems.push({ param, message: `${param} must be text.` })
      continue
    }
    const problem = valueProblem(node, value)
    if (problem) problems.push({ param, message: `${param} ${problem}.` })
  }
}

/**
 * Checks a `where` (as qs or JSON parsed it) against the collection's fields: known paths, known operators, values of
 * the field's type, bounded lists, bounded size.
 */
export function checkWhere(where: unknown, schema: QuerySchema, collection: string): QueryProblem[] {
  const problems: QueryProblem[] = []
  const budget = { conditions: 0 }
  const walk = (node: unknown, at: string, nesting: number) => {
    if (problems.length > 0) return
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      problems.push({ param: at, message: `${at} must be an object of conditions, such as where[title][equals]=…` })
      return
    }
    if (nesting > QUERY_BOUNDS.maxNesting) {
      problems.push({ param: at, message: `and/or may nest at most ${QUERY_BOUNDS.maxNesting} deep.` })
      return
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const param = `${at}[${key}]`
      if (key === 'and' || key === 'or') {
        const branches = listMembers(value)
        if (!branches || typeof value === 'string') {
          problems.push({ param, message: `${param} must be a list of conditions.` })
          return
        }
        branches.forEach((b, i) => walk(b, `${param}[${i}]`, nesting + 1))
        continue
      }
      const field = resolvePath(schema, collection, key)
      if (!field) {
        problems.push({ param, message: `${collection} has no field "${key}" to filter on.` })
        return
      }
      if (field.kind === 'polymorphic') {
        problems.push({ param, message: `"${key}" cannot be filtered on.` })
        return
      }
      if (field.kind === 'group' || field.kind === 'array') {
        problems.push({ param, message: `"${key}" is a group of fields; filter on one of them, such as ${key}.${Object.keys(field.fields ?? {})[0] ?? 'id'}.` })
        return
      }
      checkCondition(field, value, param, problems, budget)
      if (budget.conditions > QUERY_BOUNDS.maxConditions) {
        problems.push({ param: 'where', message: `where may have at most ${QUERY_BOUNDS.maxConditions} conditions.` })
        return
      }
    }
  }
  walk(where, 'where', 0)
  return problems.slice(0, 1)
}

// ---------------------------------------------------------------------------------------------------------------
// sort

/** `sort=-createdAt,title` or a list: each a known, sortable field. */
export function checkSort(sort: unknown, schema: QuerySchema, collection: string): QueryProblem[] {
  if (sort === undefined) return []
  const fields = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : undefined
  if (!fields || fields.some((f) => typeof f !== 'string')) return [{ param: 'sort', message: 'sort must be field names, such as sort=-createdAt.' }]
  if (fields.length > QUERY_BOUNDS.maxSortFields)
    return [{ param: 'sort', message: `sort may name at most ${QUERY_BOUNDS.maxSortFields} fields.` }]
  for (const raw of fields as string[]) {
    const name = raw.trim().replace(/^[-+]/, '')
    if (name === '') continue
    const field = resolvePath(schema, collection, name)
    if (!field || field.kind === 'group' || field.kind === 'array' || field.kind === 'polymorphic' || field.kind === 'other')
      return [{ param: 'sort', message: `${collection} cannot be sorted by "${raw}".` }]
  }
  return []
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (value !== null && typeof value === 'object') return 'an object'
  return String(value)
}
