import { ApiError } from '../api'

/** An action endpoint that is not deployed yet answers 404 like a record you may not see; say which it probably is. */
export function actionMessage(error: unknown, what: string): string {
  const e = error as ApiError
  if (e?.status === 404) return `${what} is not available right now (the server answered “not found”). Reload the page; if it persists, contact support.`
  if (e?.status === 409) return `${e.message} The page now shows the latest state.`
  return e?.message ?? String(error)
}
