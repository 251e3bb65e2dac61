import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { env } from '../../env'
import { dbOf, sqlOf } from '../../db/sql'
import { JOB_COLUMNS, narrowedForNow } from './context'
import { asRecipientRole } from './recipients'
import { withoutOneTapTokens } from '../oneTap/token'
import { messagesFor, readFacts } from './deliver/facts'
import { readLogs } from './deliver/rows'
import type { Message } from './deliver/types'

/**
 * The text of a sent notification whose log does not keep it: a routine reminder (visit reminder, follow-up, nudge) is
 * rendered when it goes out and not stored — a burst of thousands paid ~1 KB of writes each for a text nobody reads —
 * so opening its log renders it again, the same way, from the records as they are now (a visit moved since shows its
 * new time), with its one-tap links' tokens left out as the stored texts have them. Null when it cannot be rendered
 * (its assignment or quote is gone).
 */
export async function renderedAgain(payload: Payload, logId: number): Promise<Message | null> {
  const db = dbOf(payload)
  const [claimed] = await readLogs(db, [logId])
  if (!claimed) return null
  const facts = (await readFacts(db, [claimed])).get(logId)!
  const config = env()
  const message = (await messagesFor(db, [{ claimed, facts, address: '' }], { settings: config.reminders, appUrl: config.serverUrl, workerId: '' })).get(logId)
  return !message || message instanceof Error ? null : { subject: message.subject, text: withoutOneTapTokens(message.text) }
}

type LogDoc = { id: unknown; assignment?: unknown; quote?: unknown; subject?: string | null; body?: string | null; ics?: string | null }

/**
 * A message in its recipient's history, as they may read it now: the address narrowed (and the invite left out) when
 * the relation that let them read it has ended — what a message queued or sent before a requeue said of the street is
 * not theirs to read after it. Ops read every message as it was sent.
 */
export async function readableHistory<T extends LogDoc>(req: PayloadRequest, doc: T): Promise<T> {
  const user = req.user as { id?: number; role?: string; name?: string } | null
  if (!user?.id || (user.role !== 'customer' && user.role !== 'provider') || !doc.body) return doc
  const id = (v: unknown) => (v && typeof v === 'object' ? (v as { id?: unknown }).id : v) as number | undefined
  const assignmentId = id(doc.assignment)
  const quoteId = id(doc.quote)
  if (!assignmentId && !quoteId) return doc
  const { rows } = await (await sqlOf(req)).execute(sql`
    SELECT ${JOB_COLUMNS} FROM jobs j
    WHERE j.id = coalesce((SELECT job_id FROM assignments WHERE id = ${assignmentId ?? null}::int), (SELECT job_id FROM quotes WHERE id = ${quoteId ?? null}::int))`)
  if (!rows[0]) return doc
  const narrowed = narrowedForNow(rows[0], { name: user.name ?? '', role: asRecipientRole(user.role), id: user.id }, { subject: doc.subject ?? null, text: doc.body, ics: doc.ics })
  return narrowed ? { ...doc, subject: narrowed.subject, body: narrowed.text, ics: narrowed.ics ?? null } : doc
}
