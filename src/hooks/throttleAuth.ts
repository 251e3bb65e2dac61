import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { refundAttempt, takeAttempt } from '../services/auth/throttle'

/**
 * Sign-in, sign-up and password-reset requests from clients (REST and GraphQL alike; server code is not counted) are
 * throttled per account and per client address before Payload runs them (429 with Retry-After).
 */
export const throttleAuth: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (req.payloadAPI === 'local') return args
  const email = (args as { data?: { email?: unknown } }).data?.email
  if (operation === 'login') await takeAttempt(req, 'login', email)
  else if (operation === 'forgotPassword') await takeAttempt(req, 'forgot', email)
  else if (operation === 'create' && !req.user) await takeAttempt(req, 'signup', email)
  return args
}

/** Only failed sign-ins count: a successful one gives its attempt back. */
export const refundSuccessfulLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  if (req.payloadAPI !== 'local') await refundAttempt(req, 'login', (user as { email?: string }).email)
  return user
}
