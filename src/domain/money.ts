/** Money is an integer count of the currency's minor units (cents) plus an ISO 4217 code. Never a float. */
export type Money = { amount: number; currency: string }

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'] as const
export type Currency = (typeof CURRENCIES)[number]

export const MAX_AMOUNT = 100_000_000 // 1,000,000.00 in minor units: far above any home-services job

export function amountProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'Amount must be a number of minor units (cents).'
  if (!Number.isInteger(value)) return 'Amount must be a whole number of minor units (cents), not a fraction.'
  if (value <= 0) return 'Amount must be greater than zero.'
  if (value > MAX_AMOUNT) return `Amount must be at most ${MAX_AMOUNT} minor units.`
  return undefined
}

export const formatMoney = ({ amount, currency }: Money, locale = 'en-US'): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100)
