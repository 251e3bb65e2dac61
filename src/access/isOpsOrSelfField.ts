import type { FieldAccess } from 'payload'

import { userIsOps } from './isOps'

/** Field-level: Ops, or the user the document is (for secrets like a calendar token). */
export const isOpsOrSelfField: FieldAccess = ({ req: { user }, doc }) =>
  userIsOps(user) || (Boolean(user) && doc?.id !== undefined && String(doc.id) === String(user?.id))
