import type { Access } from 'payload'

import { userIsOps } from './isOps'

/** Ops see every user; everyone else only their own account. */
export const isOpsOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  return userIsOps(user) ? true : { id: { equals: user.id } }
}
