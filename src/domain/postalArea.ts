/**
 * The part of a postal code that names an area, not a street: what a provider who is not assigned to a job may see of
 * where it is. Each rule keeps a prefix that covers many thousands of homes; a country without a rule shows no postal
 * area at all (city and region still do), because half a code of an unknown system may be a street.
 */
type AreaRule = { pattern: RegExp; area: (normalised: string) => string }

const firstDigits = (n: number, digits: number): AreaRule => ({ pattern: new RegExp(`^\\d{${digits}}$`), area: (c) => c.slice(0, n) })

export const POSTAL_AREA_RULES: Readonly<Record<string, AreaRule>> = {
  // ZIP or ZIP+4 → the sectional centre (first three digits)
  US: { pattern: /^\d{5}(\d{4})?$/, area: (c) => c.slice(0, 3) },
  // postcode → outward code: everything before the inward code (always a digit and two letters)
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/, area: (c) => c.slice(0, -3) },
  // postal code → forward sortation area (A1A)
  CA: { pattern: /^[A-Z]\d[A-Z]\d[A-Z]\d$/, area: (c) => c.slice(0, 3) },
  // Eircode → routing key
  IE: { pattern: /^[A-Z][\dW]\d[A-Z\d]{4}$/, area: (c) => c.slice(0, 3) },
  // five-digit systems: the first three digits name a district of a city or a group of towns
  DE: firstDigits(3, 5),
  FR: firstDigits(3, 5),
  ES: firstDigits(3, 5),
  IT: firstDigits(3, 5),
  // 1234 AB → the first two digits (the four digits alone are a neighbourhood)
  NL: { pattern: /^\d{4}[A-Z]{2}$/, area: (c) => c.slice(0, 2) },
  // four digits name a suburb: the first two a region
  AU: firstDigits(2, 4),
}

/** "10001" in the US → "100"; "SW1A 1AA" in GB → "SW1A"; anything unrecognised → null. */
export function postalAreaOf(country: unknown, postalCode: unknown): string | null {
  if (typeof country !== 'string' || typeof postalCode !== 'string') return null
  const rule = POSTAL_AREA_RULES[country.trim().toUpperCase()]
  if (!rule) return null
  const normalised = postalCode.toUpperCase().replace(/[\s-]/g, '')
  return rule.pattern.test(normalised) ? rule.area(normalised) : null
}
