import type { Payload } from 'payload'

import { closeSmtpTransports } from '../services/notifications/channels/smtpTransport'

type PgClient = { release?: (destroy?: boolean) => void }
type PgPool = { end: () => Promise<void>; ended?: boolean; _clients?: PgClient[]; idleCount: number; totalCount: number }

/**
 * Ends Payload's Postgres pool. The adapter's destroy() leaves the pool open, and the adapter keeps one client checked
 * out for its reconnect watch, so a plain pool.end() would wait forever: release that client first.
 */
export async function closePayload(payload: Payload): Promise<void> {
  const pool = (payload.db as unknown as { pool?: PgPool }).pool
  closeSmtpTransports() // pooled connections idle between messages; they would hold the process (and the SMTP server) open
  await payload.db.destroy?.()
  if (!pool || pool.ended) return
  for (const client of [...(pool._clients ?? [])]) {
    try {
      client.release?.(true)
    } catch {
      // idle clients have no release(); pool.end() closes them
    }
  }
  await pool.end()
}
