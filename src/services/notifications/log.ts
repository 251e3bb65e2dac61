/**
 * Structured log lines: one JSON object per line on stdout, so the worker's and the web's records of every
 * notification can be grepped and shipped as they are. `debug` lines only with LOG_LEVEL=debug; silent under Jest
 * unless JOBLINE_LOGS=1 (tests assert on the database, not on stdout).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const quiet = () => process.env.NODE_ENV === 'test' && process.env.JOBLINE_LOGS !== '1'

export function logLine(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  if (quiet() || (level === 'debug' && process.env.LOG_LEVEL !== 'debug')) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, pid: process.pid, ...fields }, (_k, v) =>
    v instanceof Error ? { name: v.name, message: v.message } : v,
  )
  process.stdout.write(`${line}\n`)
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error))
