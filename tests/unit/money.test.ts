import { describe, expect, it } from '@jest/globals'

import { amountProblem, formatMoney } from '../../src/domain/money'
import { isValidTimeZone } from '../../src/domain/timeZones'
import { overlaps, windowOrderProblem } from '../../src/domain/windows'

describe('money', () => {
  it('accepts whole positive minor units only', () => {
    expect(amountProblem(12500)).toBeUndefined()
    expect(amountProblem(-1)).toMatch(/greater than zero/)
    expect(amountProblem(0)).toMatch(/greater than zero/)
    expect(amountProblem(12.5)).toMatch(/whole number/)
    expect(amountProblem('100')).toMatch(/number/)
    expect(amountProblem(Number.NaN)).toMatch(/number/)
  })
  it('formats minor units as the currency', () => {
    expect(formatMoney({ amount: 12500, currency: 'USD' })).toBe('$125.00')
  })
})

describe('time zones and windows', () => {
  it('knows IANA zones and rejects the rest', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true)
    expect(isValidTimeZone('Europe/Berlin')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone(5)).toBe(false)
  })
  it('requires end after start', () => {
    expect(windowOrderProblem('2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z')).toBeUndefined()
    expect(windowOrderProblem('2026-03-10T11:00:00Z', '2026-03-10T09:00:00Z')).toBe('End must be after start.')
    expect(windowOrderProblem('2026-03-10T11:00:00Z', '2026-03-10T11:00:00Z')).toBe('End must be after start.')
    expect(windowOrderProblem('soon', '2026-03-10T11:00:00Z')).toMatch(/Start must be a date-time/)
  })
  it('treats windows as half-open: back-to-back visits do not overlap', () => {
    const w = (a: string, b: string) => ({ start: new Date(a), end: new Date(b) })
    expect(overlaps(w('2026-03-10T09:00Z', '2026-03-10T11:00Z'), w('2026-03-10T11:00Z', '2026-03-10T12:00Z'))).toBe(false)
    expect(overlaps(w('2026-03-10T09:00Z', '2026-03-10T11:00Z'), w('2026-03-10T10:59Z', '2026-03-10T12:00Z'))).toBe(true)
  })
})
