/**
 * For the Ops dashboard: is a reminder worker running, and how many notifications wait for one. Read with the user's
 * access through the collections (`worker-heartbeats` and `reminder-logs` are Ops-only), never as the system.
 */
import { createLocalReq, type Payload, type TypedUser } from 'payload'

import { saysStopped, workerLiveness, type WorkerLiveness } from '../../domain/workerLiveness'

export type WorkerStatusForOps = WorkerLiveness & {
  /** Notifications recorded and not yet sent, failed or suppressed: what a running worker would deliver. */
  pending: number
}

const as = (user: TypedUser) => ({ user, overrideAccess: false, depth: 0 }) as const

/**
 * The beats of the last `withinMs` before `now` (at most one row per worker process), and when none, the freshest beat
 * ever, so the dashboard can say when a worker was last seen. Null for a user the
 * collection's read rule does not let read every heartbeat (everyone but Ops).
 */
export async function workerStatusFor(
  payload: Payload,
  user: TypedUser,
  { now = new Date(), withinMs }: { now?: Date; withinMs: number },
): Promise<WorkerStatusForOps | null> {
  const req = await createLocalReq({ user }, payload)
  const readRule = payload.collections['worker-heartbeats'].config.access.read
  if (!readRule || (await readRule({ req })) !== true) return null
  const since = new Date(now.getTime() - withinMs).toISOString()
  const recent = await payload.find({ collection: 'worker-heartbeats', where: { beatAt: { greater_than_equal: since } }, sort: '-beatAt', limit: 100, ...as(user) })
  const latest = recent.docs.length ? recent : await payload.find({ collection: 'worker-heartbeats', sort: '-beatAt', limit: 1, ...as(user) })
  const beats = latest.docs.map((h) => ({ beatAt: new Date(h.beatAt), stopped: saysStopped(h.stats) }))
  const { totalDocs: pending } = await payload.count({ collection: 'reminder-logs', where: { status: { equals: 'pending' } }, user, overrideAccess: false })
  return { ...workerLiveness(beats, now, withinMs), pending }
}
