/** How the pages show statuses, money and times: every time in the job's zone with its abbreviation (EST, CET…). */
import { formatAddress } from '@/domain/address'
import { formatMoney } from '@/domain/money'
import { formatPhone, phoneCountryOf } from '@/domain/phoneNumbers'
import { formatInZone, formatWindowInZone, localParts, zonedTimeToUtc } from '@/domain/zonedTime'
import type { Job } from '@/payload-types'

/** A wait in words, rounded up: "40 seconds", "12 minutes", "1 hour". */
export function waitText(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second')
  const minutes = Math.ceil(seconds / 60)
  return minutes < 60 ? plural(minutes, 'minute') : plural(Math.ceil(minutes / 60), 'hour')
}

/** What a person reads after a 429 on sign-in or a reset request: nothing is locked, they wait and try again. */
export const tooManyTriesText = (retryAfterSeconds: number | undefined) =>
  `Too many tries. ${retryAfterSeconds ? `Wait ${waitText(retryAfterSeconds)}, then try again.` : 'Wait a few minutes, then try again.'}`

export const when = (iso: string | null | undefined, timeZone: string) => (iso ? formatInZone(new Date(iso), timeZone) : '—')

export const windowText = (w: { start: string; end: string }, timeZone: string) =>
  formatWindowInZone({ start: new Date(w.start), end: new Date(w.end) }, timeZone)

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })
export const countryName = (code: string) => {
  try {
    return regionNames.of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

/**
 * A job's address as far as the reader may see it, as people write it: the street lines and the postal code for its
 * customer and the assigned provider, else the town and the postcode area (the API leaves out what this reader may not
 * read); the country by name ("Berlin, postcode area 101, Germany", not "Berlin, 101, DE").
 */
export const addressText = (address: Job['serviceAddress'] | null | undefined) =>
  address
    ? formatAddress({
        ...address,
        postalArea: !address.postalCode && address.postalArea ? `postcode area ${address.postalArea}` : address.postalArea,
        country: address.country ? countryName(address.country) : address.country,
      })
    : ''

/** A stored (E.164) phone as the reader dials it: nationally from the same country (their time zone's), else with +. */
export const phoneText = (e164: string, readerTimeZone: string | null | undefined) => formatPhone(e164, phoneCountryOf(readerTimeZone))

export const money = (amount: number | null | undefined, currency: string | null | undefined) =>
  amount == null ? '—' : formatMoney({ amount, currency: currency ?? 'USD' })

const STATUS_TEXT: Record<string, string> = {
  open: 'Open for quotes',
  assigned: 'Assigned',
  completed: 'Completed',
  cancelled: 'Cancelled',
  pending: 'Pending',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  pending_schedule: 'Waiting for a visit time',
  scheduled: 'Visit booked',
  verified: 'Verified',
  disputed: 'Problem reported',
  rejected: 'Given back by the provider',
  confirmed: 'Confirmed',
  superseded: 'Replaced',
  sent: 'Sent',
  failed: 'Failed',
  suppressed: 'Not sent',
  none: 'None',
  pending_review: 'Waiting for Ops review',
  approved: 'Approved',
  capture_pending: 'Payment being captured',
  captured: 'Paid',
}

export const statusText = (status: string | null | undefined) => (status ? (STATUS_TEXT[status] ?? status.replace(/_/g, ' ')) : '—')

export function StatusBadge({ status }: { status: string | null | undefined }) {
  return <span className={`badge badge-${status ?? 'none'}`}>{statusText(status)}</span>
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The value a `datetime-local` input shows for an instant, read on the wall clock of `timeZone`. */
export function toLocalInput(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/**
 * The instant a `datetime-local` value means in `timeZone` (not the browser's zone), DST gaps and repeats resolved by
 * zonedTimeToUtc; null while the input is empty or incomplete.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value)
  if (!m) return null
  try {
    return zonedTimeToUtc(m[1], m[2], timeZone)
  } catch {
    return null
  }
}
