import { describe, expect, it } from '@jest/globals'

import { postalAreaOf } from '../../src/domain/postalArea'

describe('the postal area: the part of a postal code that names an area, not a street', () => {
  it.each([
    ['US', '10001', '100'],
    ['US', '10001-1234', '100'],
    ['US', '021421234', '021'],
    ['GB', 'SW1A 1AA', 'SW1A'],
    ['GB', 'M1 1AE', 'M1'],
    ['GB', 'ec1a1bb', 'EC1A'],
    ['GB', 'B33 8TH', 'B33'],
    ['CA', 'K1A 0B1', 'K1A'],
    ['IE', 'D02 X285', 'D02'],
    ['DE', '10115', '101'],
    ['FR', '75011', '750'],
    ['ES', '28013', '280'],
    ['IT', '00184', '001'],
    ['NL', '1012 AB', '10'],
    ['AU', '2000', '20'],
    ['us', ' 10001 ', '100'],
  ])('%s %s → %s', (country, code, area) => {
    expect(postalAreaOf(country, code)).toBe(area)
  })

  it.each([
    ['US', '1000'], // too short
    ['US', 'ABCDE'],
    ['GB', 'SW1A'], // outward code alone is not a postcode
    ['DE', '1011'],
    ['NL', '1012'],
    ['US', ''],
  ])('a code that is not a postal code of the country shows no area: %s %s', (country, code) => {
    expect(postalAreaOf(country, code)).toBeNull()
  })

  it('a country without a rule shows no area rather than guessing how much of its code is a street', () => {
    expect(postalAreaOf('JP', '100-0001')).toBeNull()
    expect(postalAreaOf('BR', '01310-100')).toBeNull()
  })

  it('no country or no code: no area', () => {
    expect(postalAreaOf(null, '10001')).toBeNull()
    expect(postalAreaOf('US', null)).toBeNull()
    expect(postalAreaOf('US', 10001)).toBeNull()
  })
})
