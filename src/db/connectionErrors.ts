/**
 * Errors that mean "the database could not be reached", not "the statement was wrong": the server restarting (57P01
 * admin shutdown, 57P03 still starting up), a refused or reset connection, a connection that ended mid-query. Only
 * these are worth waiting out; a constraint violation or a syntax error fails the same way every time.
 */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006'])
const CONNECTION_MESSAGES = /Connection terminated|terminating connection|the database system is (?:starting up|shutting down)|Client has encountered a connection error/i

/** True when the error, or an error it wraps (drizzle wraps the driver's as `cause`), is a lost or refused connection. */
export function isConnectionError(error: unknown): boolean {
  let e: unknown = error
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/**
 * Runs `work`, and while it fails for want of a database, runs it again (250 ms, then twice as long each time up to
 * 2 s) until `until` (epoch ms) would pass; any other error, or the deadline, throws as usual. For writes whose loss
 * costs more than the wait — the record of messages already sent, which would otherwise go out again.
 */
export async function whileDatabaseDown<T>(work: () => Promise<T>, { until, onRetry }: { until: number; onRetry?: (error: unknown) => void }): Promise<T> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await work()
    } catch (error) {
      if (!isConnectionError(error) || Date.now() + wait > until) throw error
      onRetry?.(error)
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
