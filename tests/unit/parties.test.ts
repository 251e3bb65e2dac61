import { describe, expect, it } from '@jest/globals'

import { formatAddress } from '../../src/domain/address'
import { partiesOf } from '../../src/domain/parties'

describe('partiesOf', () => {
  it('reads a job, which names its provider assignedProvider', () => {
    expect(partiesOf({ id: 4, customer: 2, assignedProvider: { id: 7, name: 'Pat' }, excludedProviders: [] })).toEqual({ jobId: 4, customerId: 2, providerId: 7 })
    expect(partiesOf({ id: 4, customer: 2, assignedProvider: null })).toEqual({ jobId: 4, customerId: 2, providerId: null })
  })

  it('reads quotes and assignments by their own fields, populated or not', () => {
    expect(partiesOf({ id: 9, job: { id: 4 }, customer: 2, provider: 7 })).toEqual({ jobId: 4, customerId: 2, providerId: 7 })
  })

  it('reaches a payout’s or proposal’s job through its assignment', () => {
    expect(partiesOf({ id: 3, assignment: 11, customer: 2, provider: 7 }, { id: 11, job: 4 })).toEqual({ jobId: 4, customerId: 2, providerId: 7 })
    expect(partiesOf({ id: 3, customer: 'x', provider: -1 })).toEqual({ jobId: null, customerId: null, providerId: null })
  })
})

describe('formatAddress', () => {
  it('joins the parts a reader has, the full postal code before the area', () => {
    expect(formatAddress({ line1: '1 Demo Street', line2: '', city: 'New York', region: 'NY', postalCode: '10001', postalArea: '100', country: 'US' })).toBe(
      '1 Demo Street, New York, NY, 10001, US',
    )
    expect(formatAddress({ city: 'New York', postalArea: '100', country: 'US' })).toBe('New York, 100, US')
    expect(formatAddress(null)).toBe('')
  })
})
