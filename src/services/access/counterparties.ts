import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { COUNTERPARTY_DEALINGS, counterpartiesFrom, type Counterparties, type Dealing, type Viewer } from '../../access/fieldPolicy'
import { sqlOf } from '../../db/sql'

/**
 * Once per request and viewer: Payload keeps one data loader per request, shared by every nested read (population,
 * GraphQL resolvers), so it identifies the request where `req` itself is copied or proxied.
 */
const cache = new WeakMap<object, Map<string, Promise<Counterparties>>>()

async function loadCounterparties(req: PayloadRequest, viewer: Viewer): Promise<Counterparties> {
  if (viewer.role === 'ops') return new Map()
  const kinds = COUNTERPARTY_DEALINGS[viewer.role]
  const me = Number(viewer.id)
  const other = viewer.role === 'customer' ? sql.raw('provider_id') : sql.raw('customer_id')
  const mine = viewer.role === 'customer' ? sql.raw('customer_id') : sql.raw('provider_id')
  const db = await sqlOf(req)
  const dealings: Dealing[] = []
  if (kinds.includes('assignment')) {
    const { rows } = await db.execute(sql`SELECT DISTINCT ${other} AS other, status FROM assignments WHERE ${mine} = ${me}`)
    for (const r of rows) dealings.push({ other: Number(r.other), kind: 'assignment', status: String(r.status) })
  }
  if (kinds.includes('quote')) {
    const { rows } = await db.execute(sql`SELECT DISTINCT ${other} AS other FROM quotes WHERE ${mine} = ${me} AND ${other} IS NOT NULL`)
    for (const r of rows) dealings.push({ other: Number(r.other), kind: 'quote' })
  }
  return counterpartiesFrom(dealings)
}

/** The users this viewer has dealt with and how (quoted, assigned, finished): one query per kind, once per request. */
export function counterpartiesOf(req: PayloadRequest, viewer: Viewer): Promise<Counterparties> {
  const key = (req.payloadDataLoader as object | undefined) ?? null
  if (!key) return loadCounterparties(req, viewer)
  let perViewer = cache.get(key)
  if (!perViewer) cache.set(key, (perViewer = new Map()))
  const id = `${viewer.role}:${viewer.id}`
  let found = perViewer.get(id)
  if (!found) perViewer.set(id, (found = loadCounterparties(req, viewer)))
  return found
}
