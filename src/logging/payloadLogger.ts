/**
 * Payload's own log (pino): what its request handlers and our tasks write through `payload.logger`.
 *
 * - A refused request (a 4xx: bad input, no access, a stale version) is the client's mistake, not the server's: it is
 *   written at `info` with its message and status, never as an `error` with a stack. Payload already does so for a few
 *   of its own errors (Forbidden, NotFound, ValidationError); this covers every APIError and GraphQL error by status,
 *   so an `ERROR` line means something went wrong here.
 * - LOG_LEVEL (debug, info, warn, error; default info) sets the least severe line written, as for our JSON lines.
 * - Under Jest every line goes to `test-results/logs/payload-<pid>.log` instead of the terminal (JOBLINE_LOGS=1 keeps
 *   them on stdout): tests provoke failures on purpose and assert on answers and tables, not on the log.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import path from 'node:path'
import { defaultLoggerOptions, type Config } from 'payload'

type LogArgs = unknown[]
type LogFn = (...args: LogArgs) => void
type Logger = { info: LogFn }

const ERROR = 50

/** The 4xx status of what a log call reports, if it reports a refused request. */
function refusalStatus(first: unknown): number | undefined {
  const err = (first as { err?: Record<string, unknown> } | undefined)?.err
  if (!err || typeof err !== 'object') return undefined
  const original = err.originalError as { status?: unknown } | undefined
  const extensions = err.extensions as { statusCode?: unknown } | undefined
  const status = [err.status, original?.status, extensions?.statusCode].find((s) => typeof s === 'number') as number | undefined
  return status !== undefined && status >= 400 && status < 500 ? status : undefined
}

function logMethod(this: Logger, args: LogArgs, method: LogFn, level: number): void {
  const status = level >= ERROR ? refusalStatus(args[0]) : undefined
  if (status === undefined) return method.apply(this, args)
  const { err } = args[0] as { err: { message?: unknown } }
  this.info({ msg: String(err.message ?? 'Refused'), status })
}

const LEVELS = new Set(['debug', 'info', 'warn', 'error'])

/** Under Jest (unless JOBLINE_LOGS=1): a file per process under test-results/logs. */
function testLogFile(): WriteStream | undefined {
  if (process.env.NODE_ENV !== 'test' || process.env.JOBLINE_LOGS === '1') return undefined
  const dir = path.resolve(process.cwd(), 'test-results/logs')
  mkdirSync(dir, { recursive: true })
  return createWriteStream(path.join(dir, `payload-${process.pid}.log`), { flags: 'a' })
}

export function payloadLogger(): NonNullable<Config['logger']> {
  const requested = process.env.LOG_LEVEL?.trim().toLowerCase() ?? ''
  return {
    options: { level: LEVELS.has(requested) ? requested : 'info', hooks: { logMethod } },
    destination: testLogFile() ?? defaultLoggerOptions,
  }
}
