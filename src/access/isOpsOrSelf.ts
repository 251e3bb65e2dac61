import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/** Ops see every user; everyone else only their own account. */
export const isOpsOrSelf: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  return userIsOps(user) ? true : { id: { equals: user.id } }
}
