import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeChangeHook } from 'payload'

import { sqlOf } from '../db/sql'
import { conflict } from '../utilities/errors'

/**
 * Every change to a versioned record moves `version` on by one, so a client holding an older version gets a 409 from
 * the actions that check it. The row is locked and its version read under the lock, so two edits at once never both
 * write the same next version. Actions set the version themselves, under their own lock (`context.versionSet`).
 * `editableWhile`: the states in which a plain edit is allowed at all (a quote can be edited while it is pending, not
 * once it was accepted) — checked under the same lock, so an edit cannot slip in while an action moves the record.
 */
export const versioned =
  ({ editableWhile }: { editableWhile?: readonly string[] } = {}): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req, collection }) => {
    if (operation === 'create') return { ...data, version: 1 }
    if (req.context?.versionSet || !originalDoc) return data
    const db = await sqlOf(req)
    const table = sql.raw(collection.slug.replace(/-/g, '_'))
    const { rows } = await db.execute(sql`SELECT version, status FROM ${table} WHERE id = ${originalDoc.id} FOR UPDATE`)
    const current = rows[0] ?? { version: originalDoc.version, status: originalDoc.status }
    if (editableWhile && !req.context?.transition && !editableWhile.includes(String(current.status))) {
      throw conflict(`This ${collection.slug.replace(/s$/, '')} is ${current.status} and can no longer be edited.`, { state: current.status })
    }
    return { ...data, version: Number(current.version ?? 1) + 1 }
  }

/** Versioned, with any edit allowed. */
export const bumpVersion = versioned()
