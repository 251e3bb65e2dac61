import { describe, expect, it } from '@jest/globals'

import { allotDailyCap, capKey } from '../../src/services/notifications/decide'

describe('the daily reminder cap over a batch', () => {
  const key = capKey(7, 3, 'email')
  const other = capKey(8, 3, 'email')

  it('lets the earliest recorded reminders take the slots left and caps the rest, per job, recipient and channel', () => {
    const batch = [
      { id: 12, key },
      { id: 10, key },
      { id: 11, key },
      { id: 13, key: other },
    ]
    expect(allotDailyCap(batch, new Map([[key, 3]]), 5)).toEqual([12]) // 2 slots left: 10 and 11 take them
    expect(allotDailyCap(batch, new Map(), 1)).toEqual([11, 12]) // one each for job 7 and job 8
  })

  it('caps everything of a key that is already full, and nothing when there is room', () => {
    expect(allotDailyCap([{ id: 1, key }, { id: 2, key: other }], new Map([[key, 5]]), 5)).toEqual([1])
    expect(allotDailyCap([{ id: 1, key }], new Map([[other, 9]]), 5)).toEqual([])
  })

  it('keys by job, recipient and channel', () => {
    expect(new Set([capKey(1, 2, 'email'), capKey(1, 2, 'sms'), capKey(2, 1, 'email'), capKey(12, 1, 'email')]).size).toBe(4)
  })
})
