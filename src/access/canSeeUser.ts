import type { Access, Where } from 'payload'

import { counterpartiesOf } from '../services/access/counterparties'
import { asViewerRole } from './fieldPolicy'
import { userIsOps } from './isOps'

/**
 * Ops see every user; everyone else their own account and the people they deal with: a customer the providers who
 * quoted on their jobs or worked for them, a provider the customers they worked for. Which fields of those accounts
 * they read is the field policy's (`src/access/fieldPolicy.ts`): contact details only while assigned to each other.
 */
export const canSeeUser: Access = async ({ req }): Promise<boolean | Where> => {
  const { user } = req
  if (!user) return false
  if (userIsOps(user)) return true
  const role = asViewerRole(user.role)
  if (!role) return { id: { equals: user.id } }
  const others = await counterpartiesOf(req, { id: user.id, role })
  return { id: { in: [user.id, ...[...others.keys()].map(Number)] } }
}
