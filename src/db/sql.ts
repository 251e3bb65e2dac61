import type { Payload, PayloadRequest } from 'payload'
import type { SQL } from '@payloadcms/db-postgres/drizzle'

/**
 * The one way to raw SQL on Payload's own Postgres connection. The set-based parts (the reminder machinery's
 * INSERT … ON CONFLICT and UPDATE … RETURNING, row locks, audit and event rows) need statements the Local API cannot
 * express; everything else goes through the Local API.
 */
export type Db = {
  execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }>
}

type DrizzleWithTx = Db & { transaction: <T>(work: (tx: Db) => Promise<T>) => Promise<T> }
type Adapter = { drizzle: DrizzleWithTx; sessions?: Record<string, { db: Db }> }

const adapter = (payload: Payload): Adapter => payload.db as unknown as Adapter

/** The connection pool (each statement on its own). */
export const dbOf = (payload: Payload): Db => adapter(payload).drizzle

/** The handle of the request's transaction (or the pool when it has none): raw SQL joins the same unit of work. */
export async function sqlOf(req: PayloadRequest): Promise<Db> {
  const id = req.transactionID ? await req.transactionID : undefined
  const { drizzle, sessions } = adapter(req.payload)
  return (id !== undefined && sessions?.[String(id)]?.db) || drizzle
}

/** Runs `work` in one transaction of its own: committed when it returns, rolled back when it throws. */
export const inDbTransaction = <T>(payload: Payload, work: (tx: Db) => Promise<T>): Promise<T> =>
  adapter(payload).drizzle.transaction(work)

/** pg returns numeric and bigint as strings, timestamps as Date; these read a column whatever it came as. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))
export const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)))
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
