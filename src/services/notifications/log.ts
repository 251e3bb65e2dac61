/**
 * Structured log lines: one JSON object per line on stdout, so the worker's and the web's records of every
 * notification can be grepped and shipped as they are. LOG_LEVEL (debug, info, warn, error; default info) sets the
 * least severe level written — at thousands of reminders a second `warn` keeps the per-message lines out, and the
 * reminder-logs table still records every one. Silent under Jest unless JOBLINE_LOGS=1 (tests assert on the
 * database, not on stdout).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const SEVERITY: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

const quiet = () => process.env.NODE_ENV === 'test' && process.env.JOBLINE_LOGS !== '1'
const least = (): number => SEVERITY[(process.env.LOG_LEVEL?.toLowerCase() ?? 'info') as LogLevel] ?? SEVERITY.info

export function logLine(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  if (quiet() || SEVERITY[level] < least()) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, pid: process.pid, ...fields }, (_k, v) =>
    v instanceof Error ? { name: v.name, message: v.message } : v,
  )
  process.stdout.write(`${line}\n`)
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error))
