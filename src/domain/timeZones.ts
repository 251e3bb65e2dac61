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

let byLowerCase: Map<string, string> | undefined
/**
 * The zone's name as IANA spells it: `america/new_york` → `America/New_York`. Names differing only in case are matched
 * against the runtime's list; other aliases keep the spelling the runtime resolves them to. Undefined for a non-zone.
 */
export function canonicalTimeZone(value: unknown): string | undefined {
  if (!isValidTimeZone(value)) return undefined
  byLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]))
  return byLowerCase.get(value.toLowerCase()) ?? new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone
}
