/**
 * A Postgres restart ends every connection, and node-postgres emits the error on the connection itself. The pool
 * listens only while a connection is idle; one checked out between two statements of a transaction had no listener,
 * and an EventEmitter `error` nobody listens to throws: the process exited (a worker, once in CI, in the
 * Postgres-restart fault test). survivePoolErrors (src/db/poolErrors.ts, run on init) must cover both.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Pool, PoolClient } from 'pg'

import { startTestApp, type TestApp } from '../helpers/app'

let app: TestApp
let pool: Pool
beforeAll(async () => {
  app = await startTestApp()
  pool = (app.payload.db as unknown as { pool: Pool }).pool
})
afterAll(async () => {
  await app?.close()
})

const backendPid = async (client: PoolClient) => Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid)
const terminate = (pid: number) => pool.query('SELECT pg_terminate_backend($1)', [pid])
const settle = () => new Promise((r) => setTimeout(r, 300))

it('a connection ended while checked out, between two statements, does not take the process down', async () => {
  const client = await pool.connect()
  await client.query('BEGIN')
  await terminate(await backendPid(client))
  await settle() // the error arrives on the connection while nothing runs on it
  await expect(client.query('SELECT 1')).rejects.toThrow()
  client.release(true)
  expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1)
})

it('a connection ended while idle in the pool is dropped and replaced', async () => {
  const client = await pool.connect()
  const killer = await pool.connect() // held, so the terminating statement does not run on the connection it ends
  const pid = await backendPid(client)
  client.release()
  await killer.query('SELECT pg_terminate_backend($1)', [pid])
  killer.release()
  await settle()
  expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1)
})
