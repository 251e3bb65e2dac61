import type { CollectionConfig, Field } from 'payload'

import { isOps, isOpsField } from '../../access/isOps'
import { isOpsOrParty } from '../../access/isOpsOrParty'
import { nobody } from '../../access/nobody'
import { ASSIGNMENT_STATUSES, INITIAL_STATES, PAYOUT_STATUSES } from '../../domain/lifecycle'
import { fixedAfterCreate } from '../../fields/fixedAfterCreate'
import { setByActions } from '../../fields/setByActions'
import { shownAsData } from '../../fields/shownAsData'
import { moneyFields } from '../../fields/money'
import { partyFields } from '../../fields/party'
import { timeZoneField } from '../../fields/timeZone'
import { bumpVersion } from '../../hooks/bumpVersion'
import { guardStatusChange } from '../../hooks/guardStatusChange'
import { labelNewAssignment } from '../../hooks/assignmentLabel'
import { recordCreation } from '../../hooks/recordAudit'
import { versionField } from '../../fields/version'
import { actionEndpointsOf } from '../../operations/endpoints'
import { assignmentCalendar } from './endpoints/calendar'

const opsOnly = { create: isOpsField, update: isOpsField }
const noOne = () => false

const timestamp = (name: string, label?: string): Field => ({
  name,
  type: 'date',
  label,
  access: opsOnly,
  admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
})

const VISIT_ACTIONS = 'POST /api/jobs/:id/schedule, then POST /api/assignments/:id/schedule/confirm'

export const Assignments: CollectionConfig<'assignments'> = {
  slug: 'assignments',
  endpoints: [...actionEndpointsOf('assignments'), assignmentCalendar],
  access: {
    // Created by quote acceptance; moved by its actions (confirm, complete, verify, ...), each of which checks access.
    create: nobody,
    read: isOpsOrParty,
    update: isOps,
    delete: nobody,
  },
  admin: {
    // "Service the boiler — Bob Customer": stored, so lists, searches and relation pickers can use it
    useAsTitle: 'label',
    defaultColumns: ['label', 'provider', 'status', 'scheduledStart', 'payoutStatus'],
    listSearchableFields: ['label'],
    group: 'Fulfillment',
  },
  hooks: {
    beforeChange: [guardStatusChange('assignment'), bumpVersion, labelNewAssignment],
    afterChange: [recordCreation('assignment')],
  },
  indexes: [
    // the reminder scan: scheduled visits by start time
    { fields: ['status', 'scheduledStart'] },
    // conflicts: a provider's visits by time
    { fields: ['provider', 'scheduledStart'] },
    { fields: ['status', 'updatedAt'] },
  ],
  fields: [
    {
      // display only (no column): the Ops workbench — header, action buttons from the lifecycle table, timeline
      name: 'workbench',
      type: 'ui',
      admin: { components: { Field: '/components/admin/workbench/AssignmentWorkbench#AssignmentWorkbench' } },
    },
    {
      name: 'label',
      type: 'text',
      index: true,
      access: { create: noOne, update: noOne },
      // the list's first column and the page title; the workbench header says it already
      admin: { readOnly: true, condition: () => false, description: 'The job and its customer, kept in sync with both (src/hooks/assignmentLabel.ts).' },
    },
    fixedAfterCreate({ name: 'job', type: 'relationship', relationTo: 'jobs', required: true, index: true, admin: { readOnly: true } }),
    fixedAfterCreate({ name: 'quote', type: 'relationship', relationTo: 'quotes', required: true, unique: true, admin: { readOnly: true } }),
    ...partyFields(),
    {
      name: 'status',
      type: 'select',
      defaultValue: INITIAL_STATES.assignment,
      index: true,
      options: ASSIGNMENT_STATUSES.map((s) => ({ label: s, value: s })),
      // moved by the actions only (guardStatusChange refuses edits): the workbench's buttons are the way
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      type: 'row',
      fields: [
        setByActions({ name: 'scheduledStart', type: 'date', access: opsOnly, admin: { date: { pickerAppearance: 'dayAndTime' } } }, VISIT_ACTIONS),
        setByActions({ name: 'scheduledEnd', type: 'date', access: opsOnly, admin: { date: { pickerAppearance: 'dayAndTime' } } }, VISIT_ACTIONS),
      ],
    },
    timeZoneField({ admin: { description: "The job's time zone: visit times are shown in it." } }),
    versionField(),
    setByActions(
      {
        name: 'payoutStatus',
        type: 'select',
        required: true,
        defaultValue: 'none',
        index: true,
        access: opsOnly,
        options: PAYOUT_STATUSES.map((s) => ({ label: s, value: s })),
        admin: { position: 'sidebar' },
      },
      "the payout's actions: approve, reject, retry-capture, send-to-review",
    ),
    {
      name: 'reminders',
      type: 'group',
      admin: { description: 'What the reminder worker has done for this assignment (details in Reminder logs).' },
      fields: [
        { name: 'overdue', type: 'checkbox', defaultValue: false, index: true, access: opsOnly },
        timestamp('overdueFlaggedAt'),
        timestamp('lastReminderAt'),
        timestamp('completionNudgedAt'),
        timestamp('verificationNudgedAt'),
      ],
    },
    {
      name: 'timestamps',
      type: 'group',
      label: 'Audit timestamps',
      fields: [
        timestamp('acceptedAt'),
        timestamp('scheduledAt'),
        timestamp('providerCompletedAt'),
        timestamp('customerVerifiedAt'),
        timestamp('rejectedAt'),
        timestamp('cancelledAt'),
        timestamp('paidAt'),
      ],
    },
    setByActions(
      {
        name: 'visitDay',
        type: 'group',
        access: { create: isOpsField },
        admin: { description: 'The day of the visit: on my way (with an ETA) and arrived — for the visit that starts at visitStart only.' },
        fields: [
          { name: 'visitStart', type: 'date', admin: { description: 'The visit start these facts are about; a moved visit starts clean.' } },
          { name: 'onMyWayAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'etaMinutes', type: 'number', min: 1, max: 240, admin: { description: 'Minutes to arrival the provider gave with "On my way".' } },
          { name: 'arrivedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'taps', type: 'number', min: 0, admin: { description: 'On my way and Arrived taps for this visit (at most 6: src/domain/visitDay.ts).' } },
          { name: 'notifiedAt', type: 'date', admin: { description: 'When the customer was last told "on my way" (repeats within 15 minutes only update the ETA).' } },
        ],
      },
      'POST /api/assignments/:id/on-my-way and /arrived',
    ),
    ...moneyFields({ readOnly: true }).map((f) => ({ ...f, required: false, access: opsOnly }) as Field),
    {
      name: 'calendarSequence',
      type: 'number',
      defaultValue: 0,
      access: opsOnly,
      admin: { readOnly: true, description: 'SEQUENCE of the calendar invite: +1 each time the visit moves or is cancelled.' },
    },
    setByActions(
      {
        name: 'payment',
        type: 'group',
        access: { create: isOpsField, update: isOpsField },
        admin: { description: 'The card authorisation held for this job (Stripe), when there is one.' },
        fields: [
          { name: 'paymentIntentId', type: 'text', index: true },
          { name: 'authorizedAt', type: 'date' },
          { name: 'authorizationExpiresAt', type: 'date' },
          { name: 'expiryWarnedAt', type: 'date' },
          { name: 'releasedAt', type: 'date' },
        ],
      },
      'quote acceptance holds the card; cancelling, requeueing, rejecting or resolving releases it',
    ),
    { name: 'rejectionReason', type: 'textarea', access: opsOnly, admin: { readOnly: true } },
    { name: 'disputeReason', type: 'textarea', access: opsOnly, admin: { readOnly: true } },
    // what the provider did, as a list in words: Payload's JSON editor loads from a CDN (src/fields/shownAsData.ts)
    shownAsData({ name: 'completionChecklist', type: 'json', access: opsOnly, admin: { readOnly: true } }, '/components/admin/CompletionChecklist#CompletionChecklist'),
  ],
}
