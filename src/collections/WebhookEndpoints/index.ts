import dns from 'node:dns'

import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig, Field, TextFieldSingleValidation } from 'payload'

import { isOps } from '../../access/isOps'
import { sqlOf } from '../../db/sql'
import { EVENT_TYPES } from '../../domain/events'
import { ALL_EVENTS, blockedAddress, hostOf, WEBHOOK_EVENT_CHOICES, WEBHOOK_URL_MAX_LENGTH, webhookUrlProblem } from '../../domain/webhooks'
import { classifyAddress } from '../../domain/netAddresses'
import { env } from '../../env'
import { writeAuditEvent } from '../../operations/record'
import { createSecret } from '../../services/webhooks/secrets'
import { redeliverFailed, revealSigningSecret, rotateSigningSecret } from './endpoints'

/**
 * The URL rules of src/domain/webhooks.ts, and — unless WEBHOOKS_ALLOW_PRIVATE — the name resolved now, so a URL
 * that resolves to a private address is refused on save too. (Saving is not the guard: every delivery resolves the
 * host again and checks the addresses it connects to.)
 */
const validateUrl: TextFieldSingleValidation = async (value) => {
  const { allowPrivate } = env().webhooks
  const problem = webhookUrlProblem(value, { allowPrivate })
  if (problem) return problem
  if (allowPrivate) return true
  const host = hostOf(new URL(String(value).trim()))
  if (classifyAddress(host)) return true
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true })
    const refused = addresses.map((a) => blockedAddress(a.address, { allowPrivate })).find(Boolean)
    return refused ? `The URL's host resolves to ${refused}; webhooks go to public addresses only.` : true
  } catch {
    return `The URL's host (${host}) does not resolve.`
  }
}

const systemField = (field: Field): Field =>
  ({ ...field, access: { create: () => false, update: () => false }, admin: { ...(field.admin ?? {}), readOnly: true, position: 'sidebar' } }) as Field

/**
 * Ops turning an endpoint off say so in its `disabledReason`; turning it on again clears the failure run, so the
 * limit counts from zero.
 */
const trackEnabled: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  if (operation !== 'update' || data.enabled === undefined || data.enabled === originalDoc?.enabled) return data
  return data.enabled
    ? { ...data, consecutiveFailures: 0, disabledReason: null, disabledAt: null }
    : { ...data, disabledReason: 'Disabled by Ops.', disabledAt: new Date().toISOString() }
}

/** A new endpoint gets its signing secret (shown once, by reveal-secret); creation and on/off are audited. */
const afterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'create') await createSecret(await sqlOf(req), doc.id)
  const action = operation === 'create' ? 'create' : previousDoc?.enabled !== doc.enabled ? (doc.enabled ? 'enable' : 'disable') : null
  if (action) {
    await writeAuditEvent({ req, entity: 'webhook-endpoints', entityId: doc.id, action, data: { url: doc.url, events: doc.events } })
  }
  return doc
}

/** Where webhooks go. Ops only: the URLs, what they receive and how they fare are nobody else's business. */
export const WebhookEndpoints: CollectionConfig<'webhook-endpoints'> = {
  slug: 'webhook-endpoints',
  access: { create: isOps, read: isOps, update: isOps, delete: isOps },
  // Ops manage endpoints in the admin and over REST; GraphQL has no enum name for the `*` subscription (and integrators
  // have no business with endpoints there)
  graphQL: false,
  admin: {
    useAsTitle: 'url',
    defaultColumns: ['url', 'events', 'enabled', 'consecutiveFailures', 'lastDeliveredAt'],
    group: 'Integrations',
    description:
      'Signed POSTs of the domain events to integrators (docs/webhooks.md). The signing secret is shown once: reveal it after saving.',
  },
  endpoints: [revealSigningSecret, rotateSigningSecret, redeliverFailed],
  hooks: { beforeChange: [trackEnabled], afterChange: [afterChange] },
  fields: [
    {
      name: 'url',
      type: 'text',
      required: true,
      maxLength: WEBHOOK_URL_MAX_LENGTH,
      validate: validateUrl,
      admin: { description: 'https://… where the receiver listens. Redirects are not followed.' },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: [ALL_EVENTS],
      options: WEBHOOK_EVENT_CHOICES.map((value) => ({ label: value === ALL_EVENTS ? '* (every event)' : value, value })),
      admin: { description: `The event types to send, or * for all: ${Object.keys(EVENT_TYPES).length} types, listed in docs/webhooks.md.` },
    },
    { name: 'description', type: 'textarea', maxLength: 1000 },
    {
      name: 'enabled',
      type: 'checkbox',
      defaultValue: true,
      admin: { description: 'Off: no new deliveries are made for it and pending ones wait. Turned off by itself after repeated failures.' },
    },
    systemField({ name: 'disabledReason', type: 'text' }),
    systemField({ name: 'disabledAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } }),
    systemField({ name: 'consecutiveFailures', type: 'number', defaultValue: 0, min: 0 }),
    systemField({ name: 'lastDeliveredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } }),
    {
      // display only: the signing secret's reveal and rotation, and the recent deliveries with redelivery
      name: 'deliveryPanel',
      type: 'ui',
      admin: { components: { Field: '/components/admin/WebhookEndpointPanel#WebhookEndpointPanel' } },
    },
  ],
}
