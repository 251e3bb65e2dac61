import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { sqlOf } from './sql'

/**
 * A person signed in on two devices at once must stay signed in on both.
 *
 * Payload keeps a user's sessions as an array (`users_sessions`) that each auth operation reads, changes and writes
 * back whole: sign-in appends one, sign-out removes one, a refresh extends one. Sign-in reads the user before its
 * transaction begins, so two sign-ins of one person at the same moment both write back what they read plus their own
 * session, and the second write erases the first's: that device's token is refused from its next request on
 * (payloadcms/payload#16027, open upstream). Here every such write is made against the list as it stands, under the
 * user's row lock: the sessions this request added to what it read are added, the ones it removed are removed, and
 * the sessions others added meanwhile are kept.
 */

type Session = { id: string; createdAt?: unknown; expiresAt?: unknown }
type Args = { collection?: string; req?: Partial<PayloadRequest>; id?: unknown; where?: unknown; data?: Record<string, unknown> }
type Method = (args: Args) => Promise<unknown>

const USERS = 'users'

/** Per request, per user id: the sessions that request last read of the user. */
const readBy = new WeakMap<object, Map<string, Session[]>>()

const idOf = (args: Args): string | undefined => {
  if (args.id !== undefined && args.id !== null) return String(args.id)
  const equals = (args.where as { id?: { equals?: unknown } } | undefined)?.id?.equals
  return equals === undefined || equals === null ? undefined : String(equals)
}

/** The sessions as stored now, the user's row locked for the rest of the request's transaction. */
async function storedSessions(req: PayloadRequest, userId: string): Promise<Session[]> {
  const db = await sqlOf(req)
  await db.execute(sql`SELECT id FROM users WHERE id = ${Number(userId)} FOR UPDATE`)
  const { rows } = await db.execute(
    sql`SELECT id, created_at, expires_at FROM users_sessions WHERE _parent_id = ${Number(userId)} ORDER BY _order`,
  )
  return rows.map((r) => ({ id: String(r.id), createdAt: r.created_at, expiresAt: r.expires_at }))
}

/** `stored`, less what the writer removed from what it read, with what it added or changed. */
export function mergeSessions(read: Session[], written: Session[], stored: Session[]): Session[] {
  const wasRead = new Set(read.map((s) => s.id))
  const writtenById = new Map(written.map((s) => [s.id, s]))
  const removed = new Set(read.filter((s) => !writtenById.has(s.id)).map((s) => s.id))
  const kept = stored.filter((s) => !removed.has(s.id)).map((s) => writtenById.get(s.id) ?? s)
  const keptIds = new Set(kept.map((s) => s.id))
  const added = written.filter((s) => !keptIds.has(s.id) && !wasRead.has(s.id))
  return [...kept, ...added]
}

export function serializeSessionWrites(payload: Payload): void {
  const db = payload.db as unknown as { findOne: Method; updateOne: Method }
  const findOne = db.findOne.bind(db)
  const updateOne = db.updateOne.bind(db)

  db.findOne = async (args) => {
    const doc = (await findOne(args)) as { id?: unknown; sessions?: Session[] } | null
    if (args.collection === USERS && args.req && doc && Array.isArray(doc.sessions)) {
      const byUser = readBy.get(args.req) ?? new Map<string, Session[]>()
      byUser.set(String(doc.id), doc.sessions.map((s) => ({ ...s })))
      readBy.set(args.req, byUser)
    }
    return doc
  }

  db.updateOne = async (args) => {
    const sessions = args.data?.sessions
    const userId = idOf(args)
    const read = args.req && userId ? readBy.get(args.req)?.get(userId) : undefined
    // only a whole-list write, by a request that read the list first, inside a transaction that can hold the lock
    if (args.collection !== USERS || !Array.isArray(sessions) || !read || !userId || !args.req?.transactionID) return updateOne(args)
    const merged = mergeSessions(read, sessions as Session[], await storedSessions(args.req as PayloadRequest, userId))
    readBy.get(args.req)!.set(userId, merged)
    return updateOne({ ...args, data: { ...args.data, sessions: merged } })
  }
}
