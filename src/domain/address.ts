/** A service address as people write it on one line; any part may be missing (a reader sees only what they may). */
export type AddressParts = {
  line1?: string | null
  line2?: string | null
  city?: string | null
  region?: string | null
  postalCode?: string | null
  /** The area part of the postal code, what a provider sees before assignment (src/domain/postalArea.ts). */
  postalArea?: string | null
  country?: string | null
}

/** "1 Demo Street, Apt 2, New York, NY, 10001, US": the parts there are, in order, the full code before the area. */
export const formatAddress = (a: AddressParts | null | undefined): string =>
  a ? [a.line1, a.line2, a.city, a.region, a.postalCode || a.postalArea, a.country].filter(Boolean).join(', ') : ''
