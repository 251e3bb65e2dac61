/** IANA time zone names the runtime knows (Intl), e.g. America/New_York. */
export function isValidTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export const timeZoneProblem = (value: unknown): string | undefined =>
  isValidTimeZone(value) ? undefined : `"${String(value)}" is not an IANA time zone (for example America/New_York).`
