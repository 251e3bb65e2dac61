import type { Access } from 'payload'

import { userIsOps } from './isOps'

/** Someone signing up (no session yet), or Ops creating an account. */
export const isAnonymousOrOps: Access = ({ req: { user } }) => !user || userIsOps(user)
