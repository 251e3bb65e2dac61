import type { CollectionConfig } from 'payload'

import { isOps } from '../../access/isOps'
import { nobody } from '../../access/nobody'
import { EVENT_TYPES } from '../../domain/events'
import { shownAsData } from '../../fields/shownAsData'

/**
 * The domain events: one row per action, written in the action's transaction (src/operations/pipeline.ts). What
 * happens after an action commits — notifications, Stripe, webhooks — is queued from these rows. Append-only; Ops
 * only, since `data` carries the record as Ops see it.
 */
export const Events: CollectionConfig<'events'> = {
  slug: 'events',
  access: { create: nobody, read: isOps, update: nobody, delete: nobody },
  lockDocuments: false,
  admin: {
    useAsTitle: 'type',
    defaultColumns: ['occurredAt', 'type', 'entity', 'entityId', 'entityVersion', 'actorRole'],
    group: 'Automation',
    description: 'Every action, as it happened: what notifications, payments and webhooks are sent from.',
  },
  indexes: [{ fields: ['entity', 'entityId', 'entityVersion'] }],
  fields: [
    {
      name: 'type',
      type: 'text',
      required: true,
      index: true,
      admin: { description: Object.keys(EVENT_TYPES).join(', ') },
    },
    { name: 'entity', type: 'text', required: true, admin: { description: 'Collection slug of the record the action was on.' } },
    { name: 'entityId', type: 'number', required: true },
    { name: 'entityVersion', type: 'number', required: true, admin: { description: "The record's version after the action." } },
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    {
      name: 'actorRole',
      type: 'select',
      required: true,
      options: ['ops', 'customer', 'provider', 'system'].map((r) => ({ label: r, value: r })),
    },
    { name: 'job', type: 'relationship', relationTo: 'jobs', index: true },
    { name: 'customer', type: 'relationship', relationTo: 'users' },
    { name: 'provider', type: 'relationship', relationTo: 'users' },
    shownAsData({ name: 'data', type: 'json', admin: { description: 'The action, the states, what it changed, and the record after it.' } }),
    { name: 'occurredAt', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
