import type { Access } from 'payload'

/** Ops, or any provider (who will own what they create). */
export const isOpsOrProvider: Access = ({ req: { user } }) => user?.role === 'ops' || user?.role === 'provider'
