import { randomBytes } from 'node:crypto'
import type { CollectionAfterChangeHook, CollectionBeforeValidateHook, PayloadRequest } from 'payload'

import { asViewerRole } from '../../access/fieldPolicy'
import { emit } from '../../services/notifications'

/**
 * A password reset or change ends what came before it, for the person whose password it is:
 * - their sessions: a reset ends every one (and signs in anew); a change keeps only the one that made it (Payload);
 * - their calendar feed address, a bearer credential to their visits: a new one replaces it, the old answers 404;
 * - one-tap links sent before it: they carry when they were issued, and /api/one-tap refuses those issued before
 *   `credentialsChangedAt`;
 * and they are told by email (`password_changed`, an account message: always sent).
 */

const FLAG = 'credentialsChanged'

/** A feed token as POST /api/users/calendar-token makes one. */
export const newCalendarToken = () => randomBytes(24).toString('base64url')

type UserLike = { id: number | string; role?: string | null; calendarToken?: string | null }

/** The new feed token and the instant, and the email saying so; written by the caller. */
async function ended(req: PayloadRequest, user: UserLike, how: 'reset' | 'changed') {
  const changedAt = new Date()
  const changes = { credentialsChangedAt: changedAt.toISOString(), ...(user.calendarToken ? { calendarToken: newCalendarToken() } : {}) }
  const id = Number(user.id)
  await emit(req, {
    kind: 'password_changed',
    about: `user:${id}`,
    to: [{ userId: id, role: asViewerRole(user.role) ?? 'customer' }],
    occurrence: `c${changedAt.getTime()}`,
    details: { account: { changedAt, how } },
  })
  return changes
}

/**
 * Payload's reset-password writes the stored user back with its new hash, after calling this hook with that user as
 * `data` and no `originalDoc` (and ignoring what the hook returns): the changes go into that object, in the reset's
 * own transaction. A change through an update is marked here and finished after the write (below).
 */
export const endWhatCameBefore: CollectionBeforeValidateHook = async ({ data, originalDoc, operation, req }) => {
  if (!data || operation !== 'update') return data
  if (!originalDoc && data.id !== undefined && typeof data.hash === 'string') {
    Object.assign(data, await ended(req, data as UserLike, 'reset'))
    return data
  }
  if (typeof data.password === 'string' && data.password.length > 0 && originalDoc) {
    req.context[FLAG] = [...((req.context[FLAG] as unknown[]) ?? []), String(originalDoc.id)]
  }
  return data
}

/**
 * After a password change was written: the feed token and the instant, written past the fields' own access rules (a
 * customer may not set them) in the same transaction.
 */
export const finishCredentialsChange: CollectionAfterChangeHook = async ({ doc, req, operation }) => {
  const pending = (req.context[FLAG] as string[] | undefined) ?? []
  if (operation !== 'update' || !pending.includes(String(doc.id))) return doc
  req.context[FLAG] = pending.filter((id) => id !== String(doc.id))
  const changes = await ended(req, doc as UserLike, 'changed')
  await req.payload.db.updateOne({ collection: 'users', id: doc.id, data: changes, req })
  return { ...doc, ...changes }
}
