import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { dbOf } from '../db/sql'
import { errorMessage, logLine } from '../services/notifications/log'

/**
 * Takes up to `limit` runnable jobs of `queues` for this process, atomically: FOR UPDATE SKIP LOCKED means two workers
 * never take the same job. (Payload 3's own `jobs.run` reads candidates and then flags them by id, so two workers
 * polling together run the same job twice; correctness never depends on this claim — the reminder-log claim is what
 * guarantees one send — but it keeps workers from doing each other's work.)
 */
export async function claimJobs(payload: Payload, { queues, limit }: { queues: readonly string[]; limit: number }): Promise<number[]> {
  const { rows } = await dbOf(payload).execute(sql`
    UPDATE payload_jobs SET processing = true, updated_at = now()
    WHERE id IN (
      SELECT id FROM payload_jobs
      WHERE queue = ANY(${sql.param([...queues])}::text[]) AND completed_at IS NULL AND has_error IS NOT TRUE
        AND processing = false AND (wait_until IS NULL OR wait_until <= now())
      ORDER BY coalesce(wait_until, created_at), id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`)
  return rows.map((r) => Number(r.id))
}

/** Runs one claimed job through Payload's runner (task lookup, retries, job log, completion). */
export async function runClaimedJob(payload: Payload, id: number): Promise<void> {
  await payload.jobs.runByID({ id, overrideAccess: true, silent: { info: true } })
}

/** Claims and runs up to `limit` due jobs in parallel; resolves to how many ran. */
export async function runDueJobs(payload: Payload, opts: { queues: readonly string[]; limit: number }): Promise<number> {
  const ids = await claimJobs(payload, opts)
  await Promise.all(ids.map((id) => runClaimedJob(payload, id)))
  return ids.length
}

export type Runner = {
  stop: () => Promise<void>
  busy: () => number
  /** Ends idle lanes' wait at once (the scan just queued work), instead of after up to `idleMs`. */
  wake: () => void
}

const sleep = (ms: number, signal: AbortSignal, wakers: Set<() => void>) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      wakers.delete(done)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    wakers.add(done)
    signal.addEventListener('abort', done, { once: true })
  })

/**
 * `concurrency` lanes, each claiming and running one job at a time, so at most that many sends are in flight. An idle
 * lane waits `idleMs` before asking again. stop() lets every running job finish.
 */
export function startRunner(
  payload: Payload,
  { queues, concurrency, idleMs }: { queues: readonly string[]; concurrency: number; idleMs: number },
): Runner {
  const stopping = new AbortController()
  const wakers = new Set<() => void>()
  let running = 0
  const lane = async (n: number) => {
    while (!stopping.signal.aborted) {
      try {
        const [id] = await claimJobs(payload, { queues, limit: 1 })
        if (id === undefined) {
          await sleep(idleMs, stopping.signal, wakers)
          continue
        }
        running++
        try {
          await runClaimedJob(payload, id)
        } finally {
          running--
        }
      } catch (error) {
        logLine('error', 'worker.lane_error', { lane: n, error: errorMessage(error) })
        await sleep(idleMs, stopping.signal, wakers)
      }
    }
  }
  const lanes = Array.from({ length: concurrency }, (_, n) => lane(n))
  return {
    busy: () => running,
    wake: () => {
      for (const wake of [...wakers]) wake()
    },
    stop: async () => {
      stopping.abort()
      await Promise.all(lanes)
    },
  }
}
