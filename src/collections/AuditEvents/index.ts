import type { CollectionConfig } from 'payload'

import { isOpsOrParty } from '../../access/isOpsOrParty'
import { nobody } from '../../access/nobody'
import { shownAsData } from '../../fields/shownAsData'

/** What happened to which record, by whom, from which state to which. Append-only: nobody edits history. */
export const AuditEvents: CollectionConfig<'audit-events'> = {
  slug: 'audit-events',
  access: { create: nobody, read: isOpsOrParty, update: nobody, delete: nobody },
  admin: {
    useAsTitle: 'action',
    defaultColumns: ['at', 'entity', 'entityId', 'action', 'fromState', 'toState', 'actorRole'],
    group: 'Automation',
  },
  indexes: [{ fields: ['entity', 'entityId'] }],
  fields: [
    { name: 'entity', type: 'text', required: true, admin: { description: 'Collection slug.' } },
    { name: 'entityId', type: 'text', required: true },
    { name: 'machine', type: 'text' },
    { name: 'action', type: 'text', required: true },
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    {
      name: 'actorRole',
      type: 'select',
      required: true,
      options: ['ops', 'customer', 'provider', 'system'].map((r) => ({ label: r, value: r })),
    },
    { name: 'fromState', type: 'text' },
    { name: 'toState', type: 'text' },
    { name: 'at', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'job', type: 'relationship', relationTo: 'jobs', index: true },
    { name: 'customer', type: 'relationship', relationTo: 'users', index: true },
    { name: 'provider', type: 'relationship', relationTo: 'users', index: true },
    { name: 'event', type: 'relationship', relationTo: 'events', index: true, admin: { description: 'The domain event of the action this move belongs to.' } },
    shownAsData({ name: 'data', type: 'json' }),
  ],
}
