import type { CollectionBeforeChangeHook } from 'payload'

/**
 * Every change to a versioned record moves `version` on by one, so a client holding an older version gets a 409
 * from the actions that check it. Actions that already moved it with a conditional UPDATE say so in context.
 */
export const bumpVersion: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (operation === 'create') return { ...data, version: 1 }
  if (req.context?.versionSet) return data
  return { ...data, version: Number(originalDoc?.version ?? 1) + 1 }
}
