import type { PayloadRequest } from 'payload'

import { userIsOps } from './isOps'

/** The admin panel (the Ops console) is for Ops only; customers and providers use the site. */
export const isOpsAdmin = ({ req }: { req: PayloadRequest }): boolean => userIsOps(req.user)
