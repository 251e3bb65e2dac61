/**
 * Is a reminder worker running? Read from the workers' heartbeats (`worker-heartbeats`, one row per process, beaten
 * every REMINDER_POLL_INTERVAL_MS and once more, marked stopped, when the process shuts down). A worker inside the web
 * process (RUN_WORKER_IN_WEB=true) beats the same way, so it counts like any other.
 */

/** One heartbeat row as the rule needs it: when it last beat, and whether that beat was the process saying goodbye. */
export type HeartbeatReading = { beatAt: Date; stopped: boolean }

export type WorkerLiveness = {
  /** Some worker beat within the window and has not said it stopped. */
  running: boolean
  /** The freshest beat of any worker; null when none ever beat on this database. */
  lastBeatAt: Date | null
  /** That freshest beat was a worker shutting down. */
  lastStopped: boolean
}

/** The key of a heartbeat's `stats` that a worker writes in its last beat, as it shuts down (src/jobs/startWorker.ts). */
export const STOPPED_AT = 'stoppedAt'

/** Whether a heartbeat's `stats` is a worker's last beat. */
export const saysStopped = (stats: unknown): boolean =>
  typeof stats === 'object' && stats !== null && typeof (stats as Record<string, unknown>)[STOPPED_AT] === 'string'

/** "Recently", unless WORKER_ALIVE_WITHIN_SECONDS says otherwise: 2 minutes, or two poll intervals when that is longer. */
export const DEFAULT_WORKER_ALIVE_WITHIN_MS = 120_000
export const workerAliveWithinMs = (settingSeconds: number | undefined, pollIntervalMs: number): number =>
  settingSeconds !== undefined ? settingSeconds * 1000 : Math.max(DEFAULT_WORKER_ALIVE_WITHIN_MS, 2 * pollIntervalMs)

/**
 * Running when any worker beat at most `withinMs` before `now` and that beat was not its last (a stopped worker's final
 * beat is fresh for a while, but nothing is being sent). A beat stamped after `now` (the database's clock a little ahead
 * of this process's) counts as fresh.
 */
export function workerLiveness(beats: readonly HeartbeatReading[], now: Date, withinMs: number): WorkerLiveness {
  let last: HeartbeatReading | null = null
  let running = false
  for (const b of beats) {
    if (!last || b.beatAt > last.beatAt) last = b
    if (!b.stopped && now.getTime() - b.beatAt.getTime() <= withinMs) running = true
  }
  return { running, lastBeatAt: last?.beatAt ?? null, lastStopped: last?.stopped ?? false }
}
