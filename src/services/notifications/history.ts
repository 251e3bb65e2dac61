import type { Payload } from 'payload'

import { env } from '../../env'
import { dbOf } from '../../db/sql'
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
