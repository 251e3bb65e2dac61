import type { Access } from 'payload'

/** Ops, or any customer (who will own what they create). */
export const isOpsOrCustomer: Access = ({ req: { user } }) => user?.role === 'ops' || user?.role === 'customer'
