import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

export type WorkerIdentity = { id: string; host: string; pid: number; startedAt: Date }

let identity: WorkerIdentity | undefined

/**
 * This process's name in claims (reminder_logs.claimed_by) and heartbeats: host, pid and a random suffix, so a restarted
 * process with a recycled pid is never mistaken for its predecessor.
 */
export function workerIdentity(): WorkerIdentity {
  if (!identity) {
    const host = hostname()
    identity = { id: `${host}:${process.pid}:${randomBytes(3).toString('hex')}`, host, pid: process.pid, startedAt: new Date() }
  }
  return identity
}
