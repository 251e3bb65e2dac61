import { ZONES_OF_COUNTRY } from './zoneCountries'

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

let countryByZone: Map<string, string> | undefined
/**
 * The country a time zone is in (ISO 3166, `America/New_York` → `US`), from the tz database (zoneCountries.ts); an
 * alias is looked up under the name the runtime resolves it to (`US/Eastern` → `America/New_York`). Undefined for a
 * zone in no country (`UTC`, `Etc/GMT+5`) and for a non-zone.
 */
export function countryOfTimeZone(value: unknown): string | undefined {
  countryByZone ??= new Map(Object.entries(ZONES_OF_COUNTRY).flatMap(([country, zones]) => zones.split(' ').map((z) => [z, country] as const)))
  if (typeof value === 'string' && countryByZone.has(value)) return countryByZone.get(value)
  const zone = canonicalTimeZone(value)
  return zone === undefined ? undefined : countryByZone.get(zone)
}
