import { describe, expect, it } from '@jest/globals'

import { formatPhone, phoneCountryOf, phoneExample, phoneProblem, readPhone } from '../../src/domain/phoneNumbers'
import { countryOfTimeZone } from '../../src/domain/timeZones'

const EXAMPLE_US = 'Enter a phone number like (201) 555-0123, or in international format +1 201 555 0123.'

describe('the country a person writes phone numbers in: their time zone’s', () => {
  it.each([
    ['America/New_York', 'US'],
    ['America/Los_Angeles', 'US'],
    ['Pacific/Honolulu', 'US'],
    ['America/Toronto', 'CA'],
    ['Europe/Berlin', 'DE'],
    ['Europe/Busingen', 'DE'],
    ['Europe/Zurich', 'CH'],
    ['Europe/London', 'GB'],
    ['Europe/Oslo', 'NO'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Calcutta', 'IN'],
    ['US/Eastern', 'US'],
    ['europe/berlin', 'DE'],
  ])('%s → %s', (zone, country) => {
    expect(phoneCountryOf(zone)).toBe(country)
  })

  it.each(['UTC', 'Etc/GMT+5', 'Antarctica/Troll', 'Mars/Olympus', '', null, 42])('none for %j: only international numbers', (zone) => {
    expect(phoneCountryOf(zone)).toBeNull()
  })

  it('knows the country of every zone the runtime offers', () => {
    expect(Intl.supportedValuesOf('timeZone').filter((zone) => countryOfTimeZone(zone) === undefined)).toEqual([])
  })
})

describe('reading a typed phone number into E.164', () => {
  it.each([
    // US: national as people write it, with the trunk 1, international, and the US exit code
    ['212 555 1234', 'US', '+12125551234'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['201.555.0123', 'US', '+12015550123'],
    ['1 201 555 0123', 'US', '+12015550123'],
    ['+1 201 555 0123', 'US', '+12015550123'],
    ['011 49 30 1234567', 'US', '+49301234567'],
    // Germany and Britain: the trunk 0 goes, a slash is a separator
    ['030 1234567', 'DE', '+49301234567'],
    ['030/1234567', 'DE', '+49301234567'],
    ['01512 3456789', 'DE', '+4915123456789'],
    ['07400 123456', 'GB', '+447400123456'],
    ['020 7946 0958', 'GB', '+442079460958'],
    // a number with + or 00 is international wherever the person is, and without a country it must be
    ['+44 7400 123456', 'DE', '+447400123456'],
    ['0049 30 1234567', 'US', '+49301234567'],
    [' 00 49 (30) 123-45.67 ', 'GB', '+49301234567'],
    [' +49 (30) 123-45.67 ', 'US', '+49301234567'],
    ['+49 30 1234567', null, '+49301234567'],
    ['+49301234567', 'DE', '+49301234567'],
  ] as const)('%j in %s → %s', (typed, country, e164) => {
    expect(readPhone(typed, country)).toEqual({ phone: e164 })
    expect(phoneProblem(typed, country)).toBeNull()
  })

  it.each(['', '   ', null, undefined])('%j is no phone (null), not a problem', (typed) => {
    expect(readPhone(typed, 'US')).toEqual({ phone: null })
  })

  it.each([
    ['030 1234567', 'US'], // a German number written the German way, by someone in New York
    ['555 123 4567', 'US'], // no area code 555, no exchange starting with 1
    ['call me', 'US'],
    ['1-800-FLOWERS', 'US'],
    ['212 555 1234 x12', 'US'], // a text cannot reach an extension
    ['12', 'US'],
    ['555 0100', 'US'],
    ['+1 555 0100', 'US'],
    ['+12345', 'US'],
    ['+0301234567', 'US'],
    ['+1234567890123456', 'US'],
    ['++49 30 1234567', 'US'],
    ['2'.repeat(200), 'US'],
    [42, 'US'],
    [{ phone: '+49301234567' }, 'US'],
  ] as const)('refuses %j in %s, with an example from there', (typed, country) => {
    expect(readPhone(typed, country)).toEqual({ problem: EXAMPLE_US })
    expect(phoneProblem(typed, country)).toBe(EXAMPLE_US)
  })

  it('gives the example of the person’s own country, and asks for + where there is none', () => {
    expect(phoneProblem('12', 'DE')).toBe('Enter a phone number like 01512 3456789, or in international format +49 1512 3456789.')
    expect(phoneProblem('12', 'GB')).toBe('Enter a phone number like 07400 123456, or in international format +44 7400 123456.')
    expect(phoneProblem('030 1234567', null)).toBe('Enter a phone number in international format: + and the country code, like +49 30 1234567.')
    expect(phoneExample('US')).toEqual({ national: '(201) 555-0123', international: '+1 201 555 0123' })
    expect(phoneExample(null)).toBeNull()
  })
})

describe('showing a stored number', () => {
  it('nationally to a reader who dials it the same way, internationally to the rest', () => {
    expect(formatPhone('+12015550123', 'US')).toBe('(201) 555-0123')
    expect(formatPhone('+15062345678', 'US')).toBe('(506) 234-5678') // Canada shares +1: dialled the same way
    expect(formatPhone('+12015550123', 'DE')).toBe('+1 201 555 0123')
    expect(formatPhone('+49301234567', 'DE')).toBe('030 1234567')
    expect(formatPhone('+49301234567', 'US')).toBe('+49 30 1234567')
    expect(formatPhone('+447400123456', null)).toBe('+44 7400 123456')
  })

  it('as stored when the metadata cannot read it', () => {
    expect(formatPhone('+15550100', 'US')).toBe('+15550100')
    expect(formatPhone('not a number', 'US')).toBe('not a number')
  })
})
