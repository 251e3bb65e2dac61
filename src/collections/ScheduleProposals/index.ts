import type { CollectionConfig } from 'payload'

import { isOps } from '../../access/isOps'
import { isOpsOrParty } from '../../access/isOpsOrParty'
import { nobody } from '../../access/nobody'
import { INITIAL_STATES, PROPOSAL_STATUSES } from '../../domain/lifecycle'
import { fixedAfterCreate } from '../../fields/fixedAfterCreate'
import { partyFields } from '../../fields/party'
import { timeZoneField } from '../../fields/timeZone'
import { windowGroupFields, windowsField } from '../../fields/windows'
import { guardStatusChange } from '../../hooks/guardStatusChange'
import { bumpVersion } from '../../hooks/bumpVersion'
import { recordCreation } from '../../hooks/recordAudit'
import { versionField } from '../../fields/version'
import { actionEndpointsOf } from '../../operations/endpoints'

export const ScheduleProposals: CollectionConfig<'schedule-proposals'> = {
  slug: 'schedule-proposals',
  endpoints: actionEndpointsOf('schedule-proposals'),
  access: {
    // Proposed and confirmed through POST /api/jobs/:id/schedule and /api/assignments/:id/schedule/confirm.
    create: nobody,
    read: isOpsOrParty,
    update: isOps,
    delete: nobody,
  },
  // Written by the scheduling actions, rarely by hand: no edit locks, whose checks cost every confirm three queries.
  lockDocuments: false,
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['id', 'assignment', 'proposerRole', 'status', 'createdAt'],
    group: 'Fulfillment',
  },
  hooks: {
    beforeChange: [guardStatusChange('proposal'), bumpVersion],
    afterChange: [recordCreation('proposal')],
  },
  indexes: [{ fields: ['assignment', 'status'] }],
  fields: [
    fixedAfterCreate({ name: 'assignment', type: 'relationship', relationTo: 'assignments', required: true, index: true }),
    ...partyFields(),
    fixedAfterCreate({ name: 'proposedBy', type: 'relationship', relationTo: 'users', required: true }),
    {
      name: 'proposerRole',
      type: 'select',
      required: true,
      options: [
        { label: 'Customer', value: 'customer' },
        { label: 'Provider', value: 'provider' },
        { label: 'Ops', value: 'ops' },
      ],
    },
    windowsField('windows', { minRows: 1, maxRows: 5, required: true }),
    timeZoneField(),
    { name: 'note', type: 'textarea', maxLength: 1000 },
    {
      name: 'status',
      type: 'select',
      defaultValue: INITIAL_STATES.proposal,
      index: true,
      options: PROPOSAL_STATUSES.map((s) => ({ label: s, value: s })),
    },
    versionField(),
    {
      name: 'confirmedWindow',
      type: 'group',
      fields: [{ name: 'index', type: 'number', min: 0, max: 4 }, ...windowGroupFields({ required: false })],
    },
  ],
}
