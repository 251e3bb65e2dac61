import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/**
 * Ops see every job; a customer their own; a provider the open jobs they were not excluded from (to quote on them)
 * and the jobs they are assigned to.
 */
export const canSeeJob: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (userIsOps(user)) return true
  if (user.role === 'customer') return { customer: { equals: user.id } }
  if (user.role === 'provider') {
    return {
      or: [
        { and: [{ status: { equals: 'open' } }, { excludedProviders: { not_in: [user.id] } }] },
        { assignedProvider: { equals: user.id } },
      ],
    }
  }
  return false
}
