import type { RelationshipField } from 'payload'

import { fixedAfterCreate } from './fixedAfterCreate'

/**
 * The customer and provider a record belongs to, copied from its job or assignment so access rules are one lookup;
 * fixed once the record exists.
 */
export const partyFields = ({ required = true }: { required?: boolean } = {}): RelationshipField[] => [
  fixedAfterCreate({
    name: 'customer',
    type: 'relationship',
    relationTo: 'users',
    required,
    index: true,
    admin: { readOnly: true, position: 'sidebar' },
  }),
  fixedAfterCreate({
    name: 'provider',
    type: 'relationship',
    relationTo: 'users',
    required,
    index: true,
    admin: { readOnly: true, position: 'sidebar' },
  }),
]
