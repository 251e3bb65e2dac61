import type { Payload } from 'payload'

import { userIsOps } from './isOps'

/**
 * Payload adds `payload-locked-documents` itself, readable and writable by any signed-in user, with no config option
 * to change that. Locks are an admin feature and the admin is Ops-only, so Ops-only access is set here, at init.
 * (`payload-preferences` is already scoped to each user's own rows; `payload-kv` is closed; `payload-jobs` is set in
 * the config's jobs.jobsCollectionOverrides.)
 */
export function lockPayloadInternals(payload: Payload): void {
  const locked = payload.collections['payload-locked-documents']?.config
  if (!locked) return
  const opsOnly = ({ req }: { req: { user?: unknown } }) => userIsOps(req.user as never)
  locked.access = { ...locked.access, read: opsOnly, create: opsOnly, update: opsOnly, delete: opsOnly }
}
