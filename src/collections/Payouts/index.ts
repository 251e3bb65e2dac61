import type { CollectionConfig } from 'payload'

import { isOpsOrParty } from '../../access/isOpsOrParty'
import { nobody } from '../../access/nobody'
import { PAYOUT_STATUSES } from '../../domain/lifecycle'
import { fixedAfterCreate } from '../../fields/fixedAfterCreate'
import { moneyFields } from '../../fields/money'
import { partyFields } from '../../fields/party'
import { guardStatusChange } from '../../hooks/guardStatusChange'
import { bumpVersion } from '../../hooks/bumpVersion'
import { recordCreation } from '../../hooks/recordAudit'
import { versionField } from '../../fields/version'
import { actionEndpointsOf } from '../../operations/endpoints'

export const Payouts: CollectionConfig<'payouts'> = {
  slug: 'payouts',
  // Payouts change only through their endpoints (approve, reject, retry-capture), which act for Ops.
  access: { create: nobody, read: isOpsOrParty, update: nobody, delete: nobody },
  endpoints: actionEndpointsOf('payouts'),
  admin: {
    useAsTitle: 'reference',
    defaultColumns: ['reference', 'status', 'method', 'amount', 'currency', 'updatedAt'],
    group: 'Money',
  },
  hooks: {
    beforeChange: [guardStatusChange('payout'), bumpVersion],
    afterChange: [recordCreation('payout')],
  },
  fields: [
    { name: 'reference', type: 'text', required: true, unique: true },
    fixedAfterCreate({ name: 'assignment', type: 'relationship', relationTo: 'assignments', required: true, unique: true }),
    ...partyFields(),
    ...moneyFields({ readOnly: true }),
    {
      name: 'method',
      type: 'select',
      required: true,
      options: [
        { label: 'Stripe capture', value: 'stripe' },
        { label: 'Manual (Ops approval)', value: 'manual' },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: PAYOUT_STATUSES.filter((s) => s !== 'none').map((s) => ({ label: s, value: s })),
    },
    versionField(),
    { name: 'manualReason', type: 'text', admin: { description: 'Why this payout needs Ops (no Stripe keys, failed capture, ...).' } },
    { name: 'paymentIntentId', type: 'text', index: true },
    { name: 'idempotencyKey', type: 'text', unique: true },
    { name: 'authorizationExpiresAt', type: 'date' },
    { name: 'attempts', type: 'number', defaultValue: 0, min: 0 },
    { name: 'nextAttemptAt', type: 'date' },
    { name: 'lastError', type: 'textarea' },
    { name: 'reviewedBy', type: 'relationship', relationTo: 'users' },
    { name: 'reviewedAt', type: 'date' },
    { name: 'note', type: 'textarea' },
  ],
}
