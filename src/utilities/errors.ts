import { APIError } from 'payload'

/** Errors a user can cause: a status and a message that says what to change. Never a 500. */
export const badRequest = (message: string, field?: string) =>
  new APIError(message, 400, field ? { errors: [{ path: field, message }] } : undefined, true)
export const forbidden = (message = 'You are not allowed to do that.') => new APIError(message, 403, undefined, true)
export const unauthorized = (message = 'Sign in first.') => new APIError(message, 401, undefined, true)
export const notFound = (message = 'Not found.') => new APIError(message, 404, undefined, true)
export const conflict = (message: string, data?: Record<string, unknown>) => new APIError(message, 409, data, true)
/** 429: the caller must wait; the response also carries Retry-After. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  new APIError(`Too many attempts: try again in ${retryAfterSeconds} seconds.`, 429, { retryAfterSeconds }, true)
