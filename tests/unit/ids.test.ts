import { describe, expect, it } from '@jest/globals'

import { checkId, isRecordId, MAX_ID, pathIdStatus } from '../../src/domain/ids'

describe('record ids', () => {
  it.each([1, '1', 42, '2147483647', MAX_ID])('%p is an id', (value) => {
    expect(checkId(value)).toEqual({ ok: true, id: Number(value) })
  })

  it.each(['abc', '1.5', 1.5, '1e3', '', ' 1', '+1', '0x1', null, undefined, true, [1], { id: 1 }, NaN, '١'])('%p is not a number (400)', (value) => {
    const check = checkId(value, 'proposalId')
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.reason).toBe('malformed')
    expect(pathIdStatus(check)).toBe(400)
    expect(check.message).toMatch(/^proposalId must be a whole number/)
  })

  it.each([0, '0', -1, '-5', 2147483648, '2147483648', 1e20, '99999999999999999999'])('%p cannot exist (404 in a path)', (value) => {
    const check = checkId(value)
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.reason).toBe('impossible')
    expect(pathIdStatus(check)).toBe(404)
    expect(check.message).toContain('from 1 to 2147483647')
  })

  it('isRecordId says the same', () => {
    expect(isRecordId(7)).toBe(true)
    expect(isRecordId(2 ** 31)).toBe(false)
  })
})
