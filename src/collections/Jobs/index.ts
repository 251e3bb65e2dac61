import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'

import { canSeeJob } from '../../access/canSeeJob'
import { isOps, userIsOps } from '../../access/isOps'
import { isOpsOrCustomer } from '../../access/isOpsOrCustomer'
import { isOpsOrJobOwner } from '../../access/isOpsOrJobOwner'
import { INITIAL_STATES, JOB_STATUSES } from '../../domain/lifecycle'
import { guardStatusChange } from '../../hooks/guardStatusChange'
import { protectFields } from '../../hooks/protectFields'
import { bumpVersion } from '../../hooks/bumpVersion'
import { relabelJobAssignments } from '../../hooks/assignmentLabel'
import { recordCreation } from '../../hooks/recordAudit'
import { versionField } from '../../fields/version'
import { fixedAfterCreate } from '../../fields/fixedAfterCreate'
import { postalAreaField } from '../../fields/postalArea'
import { timeZoneField } from '../../fields/timeZone'
import { windowsField } from '../../fields/windows'
import { forbidden } from '../../utilities/errors'
import { sameId } from '../../utilities/idOf'
import { actionEndpointsOf } from '../../operations/endpoints'

/** A customer creates jobs for themselves only. */
const ownJobsOnly: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (!data || operation !== 'create' || !req.user || userIsOps(req.user)) return data
  if (data.customer != null && !sameId(data.customer, req.user.id)) throw forbidden('You can create jobs only for yourself.')
  return { ...data, customer: req.user.id }
}

const present = (label: string) => (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? true : `${label} is required.`

export const Jobs: CollectionConfig<'jobs'> = {
  slug: 'jobs',
  endpoints: actionEndpointsOf('jobs'),
  access: {
    create: isOpsOrCustomer,
    read: canSeeJob,
    update: isOpsOrJobOwner,
    delete: isOps,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'customer', 'status', 'assignedProvider', 'updatedAt'],
    group: 'Fulfillment',
  },
  hooks: {
    beforeValidate: [ownJobsOnly, protectFields({ status: INITIAL_STATES.job, excludedProviders: null, assignedProvider: null })],
    beforeChange: [guardStatusChange('job'), bumpVersion],
    afterChange: [recordCreation('job'), relabelJobAssignments],
  },
  fields: [
    {
      // display only (no column): the Ops workbench — header, action buttons from the lifecycle table, timeline
      name: 'workbench',
      type: 'ui',
      admin: { components: { Field: '/components/admin/workbench/JobWorkbench#JobWorkbench' } },
    },
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'description', type: 'textarea', maxLength: 5000 },
    fixedAfterCreate({
      name: 'customer',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      filterOptions: { role: { equals: 'customer' } },
    }),
    {
      name: 'serviceAddress',
      type: 'group',
      fields: [
        // presence is checked by validate, not `required`, so GraphQL updates need not resend the whole address
        { name: 'line1', type: 'text', maxLength: 200, validate: present('Street address') },
        { name: 'line2', type: 'text', maxLength: 200 },
        { name: 'city', type: 'text', maxLength: 100, validate: present('City') },
        { name: 'region', type: 'text', maxLength: 100 },
        { name: 'postalCode', type: 'text', maxLength: 20 },
        postalAreaField(),
        {
          name: 'country',
          type: 'text',
          defaultValue: 'US',
          validate: (v: unknown) => (typeof v === 'string' && /^[A-Z]{2}$/.test(v) ? true : 'Country must be a two-letter ISO code such as US.'),
        },
      ],
    },
    timeZoneField({ admin: { description: 'Where the work happens; visit times are shown in this zone.' } }),
    windowsField('preferredWindows', {
      maxRows: 10,
      admin: { description: "The customer's preferred visit windows." },
    }),
    {
      name: 'status',
      type: 'select',
      defaultValue: INITIAL_STATES.job,
      index: true,
      options: JOB_STATUSES.map((s) => ({ label: s, value: s })),
      // moved by the actions only (guardStatusChange refuses edits): the workbench's buttons are the way
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'assignedProvider',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      admin: { readOnly: true, position: 'sidebar' },
    },
    versionField(),
    {
      name: 'excludedProviders',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      admin: { position: 'sidebar', description: 'Providers who rejected this job: they no longer see it.' },
    },
  ],
}
