import type { CollectionConfig, Field } from 'payload'

import { isOps } from '../../access/isOps'
import { nobody } from '../../access/nobody'
import { DELIVERY_STATUSES } from '../../domain/webhooks'
import { redeliverDelivery } from './redeliver'

const readOnly = (field: Field): Field => ({ ...field, admin: { ...(field.admin ?? {}), readOnly: true } }) as Field
const when = { date: { pickerAppearance: 'dayAndTime' as const } }

/**
 * One row per event × endpoint (unique), written in the action's transaction for every enabled endpoint that wants
 * the event's type, and delivered by the worker's webhook lanes (src/services/webhooks). Ops read them; the worker
 * alone writes them (raw SQL, claimed under a lease), and Ops redeliver through the endpoint below.
 */
export const WebhookDeliveries: CollectionConfig<'webhook-deliveries'> = {
  slug: 'webhook-deliveries',
  access: { create: nobody, read: isOps, update: nobody, delete: nobody },
  // like the endpoints they belong to: REST and the admin, not GraphQL
  graphQL: false,
  lockDocuments: false,
  admin: {
    useAsTitle: 'eventType',
    defaultColumns: ['createdAt', 'eventType', 'endpoint', 'status', 'attempts', 'responseStatus', 'latencyMs', 'error'],
    group: 'Integrations',
    description: 'Each event sent (or to be sent) to each webhook endpoint: status, attempts, the last answer.',
  },
  endpoints: [redeliverDelivery],
  indexes: [{ fields: ['event', 'endpoint'], unique: true }],
  fields: [
    readOnly({ name: 'endpoint', type: 'relationship', relationTo: 'webhook-endpoints', required: true, index: true }),
    readOnly({ name: 'event', type: 'relationship', relationTo: 'events', required: true }),
    readOnly({ name: 'eventType', type: 'text', required: true }),
    readOnly({ name: 'entity', type: 'text', required: true, admin: { description: 'The record the event is about: its collection…' } }),
    readOnly({ name: 'entityId', type: 'number', required: true, admin: { description: '…its id…' } }),
    readOnly({
      name: 'entityVersion',
      type: 'number',
      required: true,
      admin: { description: '…and its version after the event: a later version waits until this one is delivered or dead.' },
    }),
    readOnly({ name: 'status', type: 'select', required: true, defaultValue: 'pending', index: true, options: DELIVERY_STATUSES.map((s) => ({ label: s, value: s })) }),
    readOnly({ name: 'attempts', type: 'number', required: true, defaultValue: 0, min: 0 }),
    readOnly({ name: 'queuedAt', type: 'date', required: true, admin: { ...when, description: 'Queued or redelivered: retries last WEBHOOK_RETRY_HOURS from here.' } }),
    readOnly({ name: 'nextAttemptAt', type: 'date', required: true, admin: when }),
    readOnly({ name: 'lastAttemptAt', type: 'date', admin: when }),
    readOnly({ name: 'deliveredAt', type: 'date', admin: when }),
    readOnly({ name: 'responseStatus', type: 'number', admin: { description: "The receiver's last HTTP status." } }),
    readOnly({ name: 'latencyMs', type: 'number', admin: { description: 'How long the last attempt took.' } }),
    readOnly({ name: 'error', type: 'textarea', admin: { description: 'Why the last attempt failed: the status and the start of the answer, or the network error.' } }),
    readOnly({ name: 'claimedBy', type: 'text' }),
    readOnly({ name: 'leaseUntil', type: 'date', admin: when }),
  ],
}
