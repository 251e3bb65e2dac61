import type { Payload } from 'payload'

import { errorMessage, logLine } from '../services/notifications/log'

type EventPool = { on: (event: 'error', listener: (error: Error) => void) => unknown; listenerCount: (event: string) => number }

const watched = new WeakSet<object>()

/**
 * Keeps the process alive when Postgres goes away. node-postgres re-emits an idle pooled connection's error on the
 * pool (a restart ends every connection with 57P01), and an EventEmitter `error` nobody listens to throws: the web
 * app and every worker would exit on the first database restart. The pool drops the broken connection by itself and
 * opens a new one for the next query, so logging is all there is to do; queries that fail meanwhile fail as usual
 * (the worker's lanes and scan log them and try again on their next tick).
 */
export function survivePoolErrors(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: EventPool }).pool
  if (!pool || watched.has(pool)) return
  watched.add(pool)
  pool.on('error', (error) => logLine('warn', 'db.connection_lost', { error: errorMessage(error) }))
}
