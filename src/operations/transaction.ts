import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { conflict } from '../utilities/errors'

/** Postgres errors that a user's request can cause, as 409s: a race lost, not a server fault. */
export function asConflict(error: unknown): unknown {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code
  const constraint = (error as { constraint?: string; cause?: { constraint?: string } })?.constraint ??
    (error as { cause?: { constraint?: string } })?.cause?.constraint
  if (code === '23P01') return conflict('The provider already has a visit at that time.', { constraint })
  if (code === '23505') return conflict('That was already done (a conflicting record exists).', { constraint })
  if (code === '40001' || code === '40P01') return conflict('Someone else changed this at the same moment; try again.')
  return error
}

/**
 * Runs `work` in one transaction on `req`: every Local API call inside must pass `req`, and raw SQL uses `sqlOf(req)`.
 * Commits on success, rolls back on any error (re-thrown, with database conflicts turned into 409s). Inside a
 * transaction that is already open on `req` it joins it and leaves commit to its owner.
 */
export async function inTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const started = await initTransaction(req)
  try {
    const result = await work()
    if (started) await commitTransaction(req)
    return result
  } catch (error) {
    if (started) await killTransaction(req)
    throw asConflict(error)
  }
}
