import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { sqlOf } from '../db/sql'
import { notFound } from '../utilities/errors'

/**
 * The one order every action locks rows in: a job before its quotes, quotes before assignments, an assignment before
 * its proposals and its payout. Two actions that share rows therefore queue behind each other instead of
 * deadlocking, whatever they touch.
 */
export const LOCK_ORDER = ['jobs', 'quotes', 'assignments', 'schedule-proposals', 'payouts'] as const
export type Lockable = (typeof LOCK_ORDER)[number]

const TABLES: Record<Lockable, ReturnType<typeof sql.raw>> = {
  jobs: sql.raw('jobs'),
  quotes: sql.raw('quotes'),
  assignments: sql.raw('assignments'),
  'schedule-proposals': sql.raw('schedule_proposals'),
  payouts: sql.raw('payouts'),
}

export type LockedRow = { id: number; status: string; version: number }

type Held = { level: number; rows: Set<string> }
// keyed by the request, not kept in req.context, which Payload's Local API replaces or merges on every call
const HELD = new WeakMap<PayloadRequest, Held>()

const heldBy = (req: PayloadRequest): Held => {
  let held = HELD.get(req)
  if (!held) HELD.set(req, (held = { level: -1, rows: new Set() }))
  return held
}

/**
 * Locks rows `FOR UPDATE` for the rest of the request's transaction, collection by collection in LOCK_ORDER (ids in
 * ascending order within one), and returns what they hold now. Lock first, then read what you decide on: whatever
 * the caller read before is re-read after this. A row that is gone is a 404. Taking a new lock that comes earlier in
 * the order than one already held is a programming error, caught here rather than as a deadlock under load; asking
 * again for a row already held is fine (it reads what the transaction has written to it since).
 */
export async function lockRows(
  req: PayloadRequest,
  wanted: Partial<Record<Lockable, number | number[]>>,
): Promise<Partial<Record<Lockable, LockedRow[]>>> {
  const db = await sqlOf(req)
  const held = heldBy(req)
  const result: Partial<Record<Lockable, LockedRow[]>> = {}
  for (const [level, collection] of LOCK_ORDER.entries()) {
    const ids = [...new Set([wanted[collection] ?? []].flat())].sort((a, b) => a - b)
    if (!ids.length) continue
    const fresh = ids.filter((id) => !held.rows.has(`${collection}:${id}`))
    if (fresh.length && level < held.level) {
      throw new Error(`Lock order violated: ${collection} ${fresh.join(', ')} locked after a later collection in LOCK_ORDER.`)
    }
    const { rows } = await db.execute(sql`
      SELECT id, status, version FROM ${TABLES[collection]} WHERE id = ANY(${sql.param(ids)}::int[]) ORDER BY id FOR UPDATE`)
    if (rows.length !== ids.length) throw notFound(`No ${collection} ${ids.filter((id) => !rows.some((r) => Number(r.id) === id)).join(', ')}.`)
    result[collection] = rows.map((r) => ({ id: Number(r.id), status: String(r.status), version: Number(r.version ?? 1) }))
    for (const id of ids) held.rows.add(`${collection}:${id}`)
    held.level = Math.max(held.level, level)
  }
  return result
}

/** Whether this request's transaction already holds the row's lock. */
export const holdsLock = (req: PayloadRequest, collection: Lockable, id: number): boolean =>
  HELD.get(req)?.rows.has(`${collection}:${id}`) ?? false

/** Forgets the locks held at the end of a transaction (the locks themselves end with it). */
export const releaseHeldLocks = (req: PayloadRequest): void => {
  HELD.delete(req)
}
