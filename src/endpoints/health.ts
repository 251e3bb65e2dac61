import type { Endpoint } from 'payload'
import { sql } from '@payloadcms/db-postgres'

/** GET /api/health: is the database reachable. 200 when it is, 503 when it is not. */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const started = Date.now()
    let database: 'up' | 'down' = 'down'
    let error: string | undefined
    try {
      await (req.payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }).drizzle.execute(sql`select 1`)
      database = 'up'
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    const ok = database === 'up'
    return Response.json(
      { status: ok ? 'ok' : 'unavailable', database, databaseLatencyMs: Date.now() - started, ...(error ? { error } : {}) },
      { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    )
  },
}
