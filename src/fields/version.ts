import type { NumberField } from 'payload'

/**
 * `version`: moves on with every change (src/hooks/bumpVersion.ts). Every action a client sends carries the version
 * it read, and a record changed since is a 409, so nobody acts on what they did not see.
 */
export const versionField = (): NumberField => ({
  name: 'version',
  type: 'number',
  // set on every write by the hook (1 on create), so creates need not send it
  defaultValue: 1,
  access: { create: () => false, update: () => false },
  admin: { readOnly: true, position: 'sidebar', description: 'Moves on with every change; actions send it back to detect stale writes.' },
})
