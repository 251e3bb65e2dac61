import type { Access } from 'payload'

/** No one through the API: the record changes only through its actions, which decide access themselves. */
export const nobody: Access = () => false
