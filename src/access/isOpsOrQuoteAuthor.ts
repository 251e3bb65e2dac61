import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/** Ops, or the provider who wrote the quote while it is still pending. */
export const isOpsOrQuoteAuthor: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (userIsOps(user)) return true
  if (user.role !== 'provider') return false
  return { and: [{ provider: { equals: user.id } }, { status: { equals: 'pending' } }] }
}
