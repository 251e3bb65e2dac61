import type { Access, Where } from 'payload'

import { userIsOps } from './isOps'

/**
 * For reminder logs: Ops see every row; anyone else only the messages addressed to them, never the other party's
 * (their address, their text) nor Ops alerts (addressed to Ops users).
 */
export const isOpsOrRecipient: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (userIsOps(user)) return true
  return { recipient: { equals: user.id } }
}
