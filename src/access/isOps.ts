import type { Access, FieldAccess, PayloadRequest } from 'payload'

export const userIsOps = (user: PayloadRequest['user']): boolean => (user as { role?: string } | null)?.role === 'ops'

/** Only Ops staff. */
export const isOps: Access = ({ req: { user } }) => userIsOps(user)

/** Field-level: only Ops may set this field through the API or the admin. */
export const isOpsField: FieldAccess = ({ req: { user } }) => userIsOps(user)
