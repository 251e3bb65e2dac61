import { describe, expect, it } from '@jest/globals'

import { backoffDelay, nextAttemptAt, shouldRetry } from '../../src/domain/backoff'

const middle = () => 0.5 // no jitter either way

describe('retry backoff', () => {
  it('doubles from the base delay with each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, { baseMs: 2000, random: middle }))).toEqual([
      2000, 4000, 8000, 16000, 32000,
    ])
    expect(backoffDelay(3, { baseMs: 1000, factor: 3, random: middle })).toBe(9000)
  })

  it('never waits longer than the cap, even after many attempts', () => {
    expect(backoffDelay(30, { baseMs: 2000, random: middle })).toBe(3_600_000)
    expect(backoffDelay(5000, { baseMs: 2000, random: () => 0.999 })).toBe(3_600_000)
    expect(backoffDelay(10, { baseMs: 2000, maxMs: 60_000, random: middle })).toBe(60_000)
  })

  it('keeps jitter within ±20% by default, and within the cap', () => {
    expect(backoffDelay(2, { baseMs: 2000, random: () => 0 })).toBe(3200)
    expect(backoffDelay(2, { baseMs: 2000, random: () => 0.999999 })).toBe(4800)
    for (let i = 0; i < 500; i++) {
      const d = backoffDelay(3, { baseMs: 2000 })
      expect(d).toBeGreaterThanOrEqual(6400)
      expect(d).toBeLessThanOrEqual(9600)
      expect(backoffDelay(40, { baseMs: 2000 })).toBeLessThanOrEqual(3_600_000)
    }
    expect(backoffDelay(2, { baseMs: 2000, jitter: 0 })).toBe(4000)
  })

  it('is the same for the same random draw', () => {
    expect(backoffDelay(4, { baseMs: 2000, random: () => 0.3 })).toBe(backoffDelay(4, { baseMs: 2000, random: () => 0.3 }))
  })

  it('schedules the next attempt that far after now', () => {
    const now = new Date('2026-03-10T14:00:00.000Z')
    expect(nextAttemptAt(now, 1, { baseMs: 2000, random: middle }).toISOString()).toBe('2026-03-10T14:00:02.000Z')
    expect(nextAttemptAt(now, 3, { baseMs: 2000, random: middle }).toISOString()).toBe('2026-03-10T14:00:08.000Z')
  })

  it('stops retrying once the attempts are used up', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => shouldRetry(a, 5))).toEqual([true, true, true, true, false, false])
    expect(shouldRetry(1, 1)).toBe(false)
  })
})
