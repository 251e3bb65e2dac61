import type { TextField } from 'payload'

import { postalAreaOf } from '../domain/postalArea'

/**
 * `postalArea`: the first part of the sibling `postalCode` (src/domain/postalArea.ts), computed on every read and
 * never stored (a client sending it changes nothing). Providers who are not assigned read it instead of the code.
 * Payload starts every field's afterRead work of a group in order and removes a field only after awaiting its read
 * access, so this synchronous hook still sees `postalCode` when the reader may not (tested in tests/int/fieldAccess).
 */
export const postalAreaField = (): TextField => ({
  name: 'postalArea',
  type: 'text',
  virtual: true,
  admin: { readOnly: true, description: 'The area part of the postal code, as providers see it before assignment.' },
  hooks: {
    afterRead: [({ siblingData }) => postalAreaOf(siblingData?.country ?? 'US', siblingData?.postalCode)],
  },
})
