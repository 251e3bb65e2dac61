import type { Payload } from 'payload'

import { errorMessage, logLine } from '../services/notifications/log'

type Emitter = { on: (event: 'error', listener: (error: Error) => void) => unknown }
type EventPool = Emitter & { on: (event: 'connect', listener: (client: Emitter) => void) => unknown; _clients?: Emitter[] }

const watched = new WeakSet<object>()

/**
 * Keeps the process alive when Postgres goes away. A restart ends every connection (57P01, then the socket closes), and
 * node-postgres emits that error on the connection — and an EventEmitter `error` nobody listens to throws: the web
 * app or a worker would exit. The pool listens on its idle connections (and re-emits their error on itself, hence the
 * pool listener) but not on those checked out: one held by a transaction between two statements had no listener at
 * all, which is how a worker exited once in the Postgres-restart fault test. So every connection gets a listener of
 * its own when it opens. Logging is all there is to do: the query in flight fails as usual (the worker's lanes and scan
 * try again on their next tick), and the pool drops a broken connection when it is released or found idle.
 */
export function survivePoolErrors(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: EventPool }).pool
  if (!pool || watched.has(pool)) return
  watched.add(pool)
  const lost = (error: Error) => logLine('warn', 'db.connection_lost', { error: errorMessage(error) })
  pool.on('error', lost)
  pool.on('connect', (client) => client.on('error', lost))
  for (const client of pool._clients ?? []) client.on('error', lost) // opened before init (migrations)
}
