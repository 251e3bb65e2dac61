import type { Payload } from 'payload'
import type { SQL } from '@payloadcms/db-postgres/drizzle'

/**
 * Raw SQL on Payload's own Postgres connection. The reminder machinery is set-based (INSERT … ON CONFLICT, UPDATE …
 * RETURNING, SKIP LOCKED), which the Local API cannot express; everything else goes through the Local API.
 */
export type Db = {
  execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }>
}

type DrizzleWithTx = Db & { transaction: <T>(work: (tx: Db) => Promise<T>) => Promise<T> }

const drizzle = (payload: Payload): DrizzleWithTx => (payload.db as unknown as { drizzle: DrizzleWithTx }).drizzle

/** The connection pool (each statement on its own). */
export const dbOf = (payload: Payload): Db => drizzle(payload)

/** Runs `work` in one transaction of its own: committed when it returns, rolled back when it throws. */
export const inDbTransaction = <T>(payload: Payload, work: (tx: Db) => Promise<T>): Promise<T> =>
  drizzle(payload).transaction(work)

/** pg returns numeric and bigint as strings, timestamps as Date; these read a column whatever it came as. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))
export const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)))
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
