/**
 * How long to wait before retrying a failed send: exponential, capped, with jitter so workers that failed together
 * do not retry together.
 */

export type BackoffOptions = {
  baseMs: number
  maxMs?: number
  factor?: number
  /** Fraction of the delay added or removed at random: 0.2 → ±20%. */
  jitter?: number
  /** Injected in tests for a deterministic delay; returns [0, 1). */
  random?: () => number
}

/** Milliseconds to wait after failed attempt `attempt` (1-based), never above maxMs. */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs = 3_600_000, factor = 2, jitter = 0.2, random = Math.random }: BackoffOptions,
): number {
  const n = Math.max(1, Math.floor(attempt))
  if (baseMs <= 0) return 0
  const raw = baseMs * factor ** (n - 1)
  const capped = Number.isFinite(raw) ? Math.min(raw, maxMs) : maxMs
  const spread = 1 + jitter * (2 * random() - 1)
  return Math.round(Math.min(maxMs, Math.max(0, capped * spread)))
}

/** When to try again after failed attempt `attempt`. */
export const nextAttemptAt = (now: Date, attempt: number, opts: BackoffOptions): Date =>
  new Date(now.getTime() + backoffDelay(attempt, opts))

/** Whether another attempt is allowed after `attempt` attempts have been made. */
export const shouldRetry = (attempt: number, maxAttempts: number): boolean => attempt < maxAttempts
