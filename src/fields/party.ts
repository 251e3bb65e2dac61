import type { RelationshipField } from 'payload'

/** The customer and provider a record belongs to, copied from its job or assignment so access rules are one lookup. */
export const partyFields = ({ required = true }: { required?: boolean } = {}): RelationshipField[] => [
  {
    name: 'customer',
    type: 'relationship',
    relationTo: 'users',
    required,
    index: true,
    admin: { readOnly: true, position: 'sidebar' },
  },
  {
    name: 'provider',
    type: 'relationship',
    relationTo: 'users',
    required,
    index: true,
    admin: { readOnly: true, position: 'sidebar' },
  },
]
