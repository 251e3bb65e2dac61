/** The workbench's facts in words: people, money, the card hold, how long something has waited. */
import { formatMoney } from '@/domain/money'
import { formatInZone, formatWindowInZone } from '@/domain/zonedTime'
import type { Assignment, Payout, User } from '@/payload-types'
import { ageText } from '../age'

export const personOf = (u: number | User | null | undefined): string =>
  u && typeof u === 'object' ? (u.name ? `${u.name} (${u.email})` : u.email) : u ? `User ${u}` : '—'

export const nameOf = (u: number | User | null | undefined): string => (u && typeof u === 'object' ? u.name || u.email : u ? `User ${u}` : '—')

export function visitText(a: Pick<Assignment, 'scheduledStart' | 'scheduledEnd'>, timeZone: string): string {
  if (!a.scheduledStart || !a.scheduledEnd) return 'No visit booked'
  return formatWindowInZone({ start: new Date(a.scheduledStart), end: new Date(a.scheduledEnd) }, timeZone)
}

export const amountText = (amount: number | null | undefined, currency: string | null | undefined) =>
  amount == null ? '—' : formatMoney({ amount, currency: currency ?? 'USD' })

/** "held (pi_…), capturable until …", "released …", "none". */
export function cardHoldText(a: Pick<Assignment, 'payment'>, timeZone: string): string {
  const p = a.payment
  if (!p?.paymentIntentId) return 'None (no card was held for this job)'
  if (p.releasedAt) return `Released ${formatInZone(new Date(p.releasedAt), timeZone)} (${p.paymentIntentId})`
  const until = p.authorizationExpiresAt ? `, capturable until ${formatInZone(new Date(p.authorizationExpiresAt), timeZone)}` : ''
  return `Held (${p.paymentIntentId})${until}`
}

/** "pending_review (PO-12, manual): No Stripe keys …", with the last capture error when there is one. */
export function payoutText(p: Payout | undefined, payoutStatus: string | null | undefined): string {
  if (!p) return payoutStatus && payoutStatus !== 'none' ? payoutStatus : 'No payout yet'
  const why = p.lastError ? ` — last error: ${p.lastError}` : p.manualReason ? ` — ${p.manualReason}` : ''
  return `${p.status.replace(/_/g, ' ')} (${p.reference}, ${p.method}, ${amountText(p.amount, p.currency)})${why}`
}

export const ageSince = (iso: string | null | undefined, now: Date) => (iso ? ageText(new Date(iso), now) : '—')
