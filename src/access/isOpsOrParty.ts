import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/**
 * For records that carry their `customer` and `provider` (assignments, proposals, reminder logs, payouts, audit
 * events): Ops see all, a customer the ones where they are the customer, a provider the ones where they are the provider.
 */
export const isOpsOrParty: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (userIsOps(user)) return true
  if (user.role === 'customer') return { customer: { equals: user.id } }
  if (user.role === 'provider') return { provider: { equals: user.id } }
  return false
}
