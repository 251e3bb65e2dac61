import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/** Ops see all quotes; a provider their own; a customer the quotes on their jobs. */
export const canSeeQuote: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (userIsOps(user)) return true
  if (user.role === 'provider') return { provider: { equals: user.id } }
  if (user.role === 'customer') return { customer: { equals: user.id } }
  return false
}
