/**
 * Property-based fuzzing of every GraphQL query and mutation, enumerated from the schema the app serves (by
 * introspection, at run time), with hostile argument values as anonymous, customer, provider and Ops. Never a 5xx
 * (neither the HTTP status nor any error's statusCode), and a refused operation (a 4xx, or errors and no result) leaves every
 * table as it was. Seeded like the REST suite: FUZZ_SEED replays, FUZZ_RUNS sets cases per operation.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql'

import { startTestApp, type TestApp } from '../helpers/app'
import { seedWorld } from '../helpers/fixtures'
import { forgedSessions, FUZZ_RUNS, FUZZ_SEED, hugeNumber, junkValue, nastyString, roleSessions, ROLES, seedFor, tableFingerprinter } from '../helpers/fuzz'
import { ApiClient } from '../helpers/client'

let app: TestApp
let fp: Awaited<ReturnType<typeof tableFingerprinter>>
let sessions: ReturnType<typeof roleSessions>
let schema: GraphQLSchema
let realIds: number[] = []
/** Session tokens signed right for no live session (helpers/fuzz.ts): sent like any role's. */
let forged: Record<'ghost' | 'stale', ApiClient>
const SENDERS = [...ROLES, 'ghost', 'stale'] as const
const EMAILS = ['alice@jobline.local', 'pat@jobline.local', 'ops@jobline.local', 'nobody@jobline.local']

beforeAll(async () => {
  app = await startTestApp()
  await seedWorld(app.payload, app.baseUrl)
  fp = await tableFingerprinter(app.databaseUri)
  sessions = roleSessions(app.payload, app.baseUrl)
  await sessions.ensure()
  const introspection = await sessions.clients.ops.request('POST', '/api/graphql', { query: getIntrospectionQuery() })
  schema = buildClientSchema(introspection.body.data)
  const { docs } = await app.payload.find({ collection: 'jobs', limit: 10, depth: 0, overrideAccess: true })
  realIds = docs.map((d) => d.id)
  const tokens = await forgedSessions(app.payload)
  forged = { ghost: new ApiClient(app.baseUrl, tokens.ghost), stale: new ApiClient(app.baseUrl, tokens.stale) }
  console.log(`fuzz.graphql: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}`)
})
afterAll(async () => {
  await fp?.close()
  await app?.close()
})

/** A value for an input type: mostly of the right shape with hostile contents, sometimes of the wrong shape. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return valueFor(type.ofType, depth)
  if (type instanceof GraphQLList) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 3 })
  if (type instanceof GraphQLEnumType) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: nastyString })
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 3) return fc.constant({})
    const fields = Object.values(type.getFields())
    return fc
      .subarray(fields, { maxLength: Math.min(4, fields.length) })
      .chain((chosen) => fc.tuple(...chosen.map((f) => valueFor(f.type, depth + 1).map((v) => [f.name, v] as const))))
      .map((entries) => Object.fromEntries(entries))
  }
  const name = (type as GraphQLScalarType).name
  switch (name) {
    case 'Int':
      return fc.oneof(fc.constantFrom(...(realIds.length ? realIds : [1])), fc.integer({ min: -5, max: 50 }), fc.constantFrom(0, -1, 2147483647, -2147483648, 2147483648, 1e20))
    case 'Float':
      return fc.oneof(hugeNumber, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 50 }))
    case 'Boolean':
      return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant('yes') })
    case 'EmailAddress':
      return fc.oneof(fc.constantFrom(...EMAILS), nastyString)
    case 'DateTime':
      return fc.constantFrom('2027-01-12T09:00:00-05:00', '2027-02-30T10:00:00Z', '2027-01-12T09:00:00', 'not a date', '1e20', '0001-01-01T00:00:00Z')
    case 'JSON':
    case 'JSONObject':
      return junkValue
    default:
      return fc.oneof(nastyString, fc.string({ maxLength: 20 }), fc.constantFrom(...EMAILS, 'jobline-dev'))
  }
}

/** A small selection of what the field returns: its leaves, and one level of objects below. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type)
  if (isLeafType(named)) return ''
  if (!(named instanceof GraphQLObjectType)) return '{ __typename }'
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !(a.type instanceof GraphQLNonNull)))
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).slice(0, 10).map((f) => f.name)
  const nested = depth < 1 ? fields.filter((f) => getNamedType(f.type) instanceof GraphQLObjectType).slice(0, 3).map((f) => `${f.name} ${selection(f.type, depth + 1)}`) : []
  return `{ __typename ${[...leaves, ...nested].join(' ')} }`
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ')
  return `${kind} Fuzz${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field.type)} }`
}

let cases = 0
const failures: string[] = []

it('every GraphQL query and mutation answers without a 5xx, and a refusal changes no table', async () => {
  const all = (['query', 'mutation'] as const).flatMap((kind) => {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType()
    return Object.values(root?.getFields() ?? {}).map((field) => ({ kind, field }))
  })
  expect(all.length).toBeGreaterThan(50)
  for (const { kind, field } of all) {
    const query = operation(kind, field)
    const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, fc.option(valueFor(a.type), { nil: undefined, freq: 8 })])))
    await sessions.ensure()
    const result = await fc.check(
      fc.asyncProperty(fc.constantFrom(...SENDERS), variables, async (role, vars) => {
        const before = await fp.fingerprint()
        const client = role === 'ghost' || role === 'stale' ? forged[role] : sessions.clients[role]
        const res = await client.request('POST', '/api/graphql', { query, variables: vars })
        cases++
        const errors: { message: string; extensions?: { statusCode?: number } }[] = res.body?.errors ?? []
        const serverError = res.status >= 500 || errors.some((e) => (e.extensions?.statusCode ?? 200) >= 500)
        if (serverError) throw new Error(`${res.status} ${JSON.stringify(errors).slice(0, 300)}`)
        // refused: the operation itself failed (a nested field's error beside a result is not a refusal)
        if (res.status >= 400 || (errors.length && res.body?.data?.[field.name] == null)) {
          const changed = fp.diff(before, await fp.fingerprint())
          if (changed.length) throw new Error(`refused (${errors[0]?.message}) but changed ${changed.join(', ')}`)
        }
      }),
      { seed: seedFor(`${kind} ${field.name}`), numRuns: FUZZ_RUNS, endOnFailure: true },
    )
    if (result.failed) {
      const [role, vars] = (result.counterexample ?? []) as [string, unknown]
      failures.push(`${kind} ${field.name}: ${String((result.errorInstance as Error)?.message ?? result.errorInstance).slice(0, 400)}\n    as ${role}: ${JSON.stringify(vars)?.slice(0, 300)}`)
    }
  }
  console.log(`fuzz.graphql: ${cases} cases over ${all.length} operations, ${failures.length} failing (FUZZ_SEED=${FUZZ_SEED})`)
  expect(failures).toEqual([])
}, 900_000)
