import { type CountryCode, getCountryCallingCode, getExampleNumber, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min'
import examples from 'libphonenumber-js/mobile/examples'

import { countryOfTimeZone } from './timeZones'

/**
 * Phone numbers as people write them, kept in E.164 (`+12015550123`). A number with + or 00 in front is international;
 * any other is read as a number of the person's country, which is the country of their time zone (a person has no
 * address of their own; a job's address is the job's). Lengths, prefixes and formats are Google's libphonenumber
 * metadata in its small form, which checks a number's length and leading digits, not whether it is in service.
 */
export type PhoneCountry = CountryCode

/** The country whose numbers a person may write without a country code; null for a zone in no country (UTC). */
export function phoneCountryOf(timeZone: unknown): PhoneCountry | null {
  const country = countryOfTimeZone(timeZone)
  return country !== undefined && isSupportedCountry(country) ? country : null
}

/** A sample mobile number of the country, as written there and from abroad; null when the metadata has none. */
export function phoneExample(country: PhoneCountry | null): { national: string; international: string } | null {
  const example = country ? getExampleNumber(country, examples) : undefined
  return example ? { national: example.formatNational(), international: example.formatInternational() } : null
}

/** What to type, with an example from the person's country: the message of a refused phone number. */
export function phoneHint(country: PhoneCountry | null): string {
  const example = phoneExample(country)
  return example
    ? `Enter a phone number like ${example.national}, or in international format ${example.international}.`
    : 'Enter a phone number in international format: + and the country code, like +49 30 1234567.'
}

/** Digits and what people put between them; no letters (no vanity numbers, no extensions: a text cannot reach one). */
const TYPED_NUMBER = /^\+?[\d\s().\-/]+$/
const MAX_TYPED = 40

export type PhoneReading = { phone: string | null } | { problem: string }

/**
 * A number as a person typed it, read in their country: `{ phone }` in E.164, `{ phone: null }` for an empty entry
 * (no phone), or `{ problem }` saying what to type instead.
 */
export function readPhone(value: unknown, country: PhoneCountry | null): PhoneReading {
  if (value === null || value === undefined) return { phone: null }
  if (typeof value !== 'string') return { problem: phoneHint(country) }
  const typed = value.trim().replace(/^00/, '+')
  if (typed === '') return { phone: null }
  if (typed.length > MAX_TYPED || !TYPED_NUMBER.test(typed)) return { problem: phoneHint(country) }
  const number = parsePhoneNumberFromString(typed, country ? { defaultCountry: country } : undefined)
  return number?.isValid() ? { phone: number.number } : { problem: phoneHint(country) }
}

/** Why a typed number is refused, or null when it reads (or is empty). */
export const phoneProblem = (value: unknown, country: PhoneCountry | null): string | null => {
  const reading = readPhone(value, country)
  return 'problem' in reading ? reading.problem : null
}

/**
 * A stored number as the reader dials it: nationally (`(201) 555-0123`) when the reader's country shares its country
 * calling code, internationally (`+1 201 555 0123`) otherwise. A number the metadata cannot read is shown as stored.
 */
export function formatPhone(e164: string, readerCountry: PhoneCountry | null): string {
  const number = parsePhoneNumberFromString(e164)
  if (!number?.isValid()) return e164
  const sameCode = readerCountry !== null && getCountryCallingCode(readerCountry) === number.countryCallingCode
  return sameCode ? number.formatNational() : number.formatInternational()
}
