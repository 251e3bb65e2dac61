/** What a party reads of a visit outside REST (feed, .ics, messages): the address parts and contact the policy gives. */
import { describe, expect, it } from '@jest/globals'

import { jobRelation, readableAddress, readsOfUser } from '../../src/access/partyView'

const address = { line1: '742 Evergreen Terrace', line2: 'Back door', city: 'Springfield', region: 'IL', postalCode: '62704', postalArea: '627', country: 'US' }
const provider = { id: 20, role: 'provider' as const }
const customer = { id: 10, role: 'customer' as const }

describe('a party’s view of a visit', () => {
  it('gives the assigned provider the whole address, and the town alone once the job is not theirs or is done', () => {
    expect(readableAddress(address, provider, jobRelation(provider, { customer: 10, status: 'assigned', assignedProvider: 20 }))).toEqual(address)
    const outline = { city: 'Springfield', region: 'IL', postalArea: '627', country: 'US' }
    expect(readableAddress(address, provider, jobRelation(provider, { customer: 10, status: 'completed', assignedProvider: 20 }))).toEqual(outline)
    expect(readableAddress(address, provider, jobRelation(provider, { customer: 10, status: 'open', assignedProvider: null }))).toEqual(outline)
    expect(readableAddress(address, provider, jobRelation(provider, { customer: 10, status: 'assigned', assignedProvider: 21 }))).toEqual({})
  })

  it('gives the customer her own job’s address whatever its state', () => {
    for (const status of ['open', 'assigned', 'completed', 'cancelled']) {
      expect(readableAddress(address, customer, jobRelation(customer, { customer: 10, status }))).toEqual(address)
    }
  })

  it('gives the other party’s e-mail only while they work together, their name after too', () => {
    expect([readsOfUser(provider, 'email', 'assigned'), readsOfUser(provider, 'name', 'assigned')]).toEqual([true, true])
    expect([readsOfUser(provider, 'email', 'finished'), readsOfUser(provider, 'name', 'finished')]).toEqual([false, true])
    expect([readsOfUser(customer, 'email', 'quoted'), readsOfUser(customer, 'name', 'quoted')]).toEqual([false, true])
    expect(readsOfUser(provider, 'email', null)).toBe(false)
  })
})
