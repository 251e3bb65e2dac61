import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/** Ops, or the customer who owns the job. */
export const isOpsOrJobOwner: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (userIsOps(user)) return true
  return user.role === 'customer' ? { customer: { equals: user.id } } : false
}
