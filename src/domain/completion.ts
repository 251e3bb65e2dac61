/**
 * When a provider may mark a visit complete: once it has started. Before that a "complete" would be a promise, not a
 * fact — and with AUTO_VERIFY_DAYS it would pay out for work nobody has done yet.
 */
export type CompletionCheck = { ok: true } | { ok: false; opensAt: Date | null }

export function mayComplete(scheduledStart: Date | null | undefined, now: Date): CompletionCheck {
  if (!scheduledStart) return { ok: false, opensAt: null }
  return now.getTime() >= scheduledStart.getTime() ? { ok: true } : { ok: false, opensAt: scheduledStart }
}
