import {
  getNamedType,
  GraphQLError,
  valueFromAST,
  type ASTNode,
  type ASTVisitor,
  type ValidationContext,
} from 'graphql'
import { formatNames, toWords, type SanitizedConfig } from 'payload'

import { findNul, nulMessage } from '../domain/nulCharacters'
import { checkPaging, checkSort, checkWhere, type QueryProblem } from '../domain/queryRules'
import { querySchemaOf } from './querySchema'

/**
 * The GraphQL side of the request guard: a validation rule (Payload's `graphQL.validationRules`) that applies the
 * same query rules as REST (src/domain/queryRules.ts) to the arguments of every root query and mutation — `where`,
 * `limit`, `page`, `pagination`, `sort` — with variables resolved, before any resolver runs. A refusal is a GraphQL
 * validation error: HTTP 400, `extensions.statusCode` 400, the parameter in `extensions.data.errors[].path`.
 *
 * It also refuses operations Payload 3.90.1 cannot answer for this app (a server error otherwise): `Access` and
 * `docAccess*` (their sanitized permissions drop fields the schema declares non-null; use REST `GET /api/access` and
 * `POST /api/<slug>/access/:id`) and `verifyEmail*` where e-mail verification is off.
 */

/** Payload's GraphQL where: `AND`/`OR`, and `group__field` for nested fields. The REST shape the rules read. */
function restWhere(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restWhere)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      if (k === 'AND' || k === 'OR') return [k.toLowerCase(), restWhere(v)]
      return [k.replace(/__/g, '.'), v]
    }),
  )
}

type Names = { whereTypes: Map<string, string>; verifyOff: Set<string> }
const namesCache = new WeakMap<SanitizedConfig, Names>()

/** `Job_where` → `jobs`, and the `verifyEmail*` mutations of auth collections without verification, as Payload names them. */
function namesOf(config: SanitizedConfig): Names {
  let names = namesCache.get(config)
  if (!names) {
    names = { whereTypes: new Map(), verifyOff: new Set() }
    for (const c of config.collections) {
      if (c.graphQL === false) continue
      // as @payloadcms/graphql's initCollections names them
      const singular = c.graphQL?.singularName ? toWords(c.graphQL.singularName, true) : formatNames(c.slug).singular
      names.whereTypes.set(`${singular}_where`, c.slug)
      if (c.auth && !c.auth.verify) names.verifyOff.add(`verifyEmail${singular}`)
    }
    namesCache.set(config, names)
  }
  return names
}

const refusal = (message: string, problems: QueryProblem[], nodes: readonly ASTNode[], statusCode = 400) =>
  new GraphQLError(message, {
    nodes,
    extensions: { statusCode, data: problems.length ? { errors: problems.map((p) => ({ path: p.param, message: p.message })) } : undefined },
  })

export function graphqlArgumentsRule(config: SanitizedConfig, variables: Record<string, unknown> | null | undefined) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(node) {
      const nul = findNul(variables, 'variables')
      if (nul) context.reportError(refusal(nulMessage(nul), [{ param: nul, message: nulMessage(nul) }], [node]))
    },
    StringValue(node) {
      if (node.value.includes('\u0000')) context.reportError(refusal(nulMessage('A string'), [], [node]))
    },
    Field(node) {
      const parent = context.getParentType()
      const schema = context.getSchema()
      if (parent !== schema.getQueryType() && parent !== schema.getMutationType()) return
      const names = namesOf(config)
      const name = node.name.value
      if (name === 'Access' || name.startsWith('docAccess')) {
        context.reportError(refusal(`${name} is not served over GraphQL; use the REST access endpoints.`, [], [node], 404))
        return
      }
      if (names.verifyOff.has(name)) {
        context.reportError(refusal('E-mail verification is off.', [], [node], 404))
        return
      }
      const def = context.getFieldDef()
      if (!def) return
      const args: Record<string, unknown> = {}
      // the collection a field queries is the one whose where type it takes (given or not)
      const whereDef = def.args.find((a) => a.name === 'where')
      const collection = whereDef ? names.whereTypes.get(getNamedType(whereDef.type).name) : undefined
      for (const argNode of node.arguments ?? []) {
        const argDef = def.args.find((a) => a.name === argNode.name.value)
        if (!argDef) continue
        const value = valueFromAST(argNode.value, argDef.type, variables ?? undefined)
        if (value === undefined) continue // not of the declared type: graphql's own rules report it
        args[argDef.name] = value
      }
      const problems = [...checkPaging(args)]
      if (collection) {
        if (args.where != null) problems.push(...checkWhere(restWhere(args.where), querySchemaOf(config), collection))
        if (typeof args.sort === 'string') problems.push(...checkSort(args.sort, querySchemaOf(config), collection))
      }
      if (problems.length) context.reportError(refusal(problems[0].message, problems, [node]))
    },
  })
}
