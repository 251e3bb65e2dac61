import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'

import { canSeeQuote } from '../../access/canSeeQuote'
import { isOps, userIsOps } from '../../access/isOps'
import { isOpsOrProvider } from '../../access/isOpsOrProvider'
import { isOpsOrQuoteAuthor } from '../../access/isOpsOrQuoteAuthor'
import { sqlOf } from '../../db/sql'
import { checkId } from '../../domain/ids'
import { INITIAL_STATES, QUOTE_STATUSES } from '../../domain/lifecycle'
import { fixedAfterCreate } from '../../fields/fixedAfterCreate'
import { moneyFields } from '../../fields/money'
import { guardStatusChange } from '../../hooks/guardStatusChange'
import { protectFields } from '../../hooks/protectFields'
import { versioned } from '../../hooks/bumpVersion'
import { recordCreation } from '../../hooks/recordAudit'
import { versionField } from '../../fields/version'
import { badRequest, conflict, forbidden } from '../../utilities/errors'
import { idOf, sameId } from '../../utilities/idOf'
import { actionEndpointsOf } from '../../operations/endpoints'

/**
 * A provider quotes in their own name, on an open job they can see; the quote carries the job's customer so the
 * customer's access rule is one column.
 */
const quoteOnVisibleJob: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (!data || operation !== 'create') return data
  const user = req.user
  if (user && !userIsOps(user)) {
    if (data.provider != null && !sameId(data.provider, user.id)) throw forbidden('You can quote only in your own name.')
    data.provider = user.id
  }
  const jobId = idOf(data.job)
  if (jobId == null) return data // field validation reports the missing job
  // Lock the job first, as an acceptance does: a quote made while the job is being accepted waits, then finds it
  // assigned (409) instead of staying pending on a job that took another quote.
  const lockId = Number(jobId)
  if (Number.isInteger(lockId) && lockId > 0 && lockId <= 2_147_483_647) {
    await (await sqlOf(req)).execute(sql`SELECT id FROM jobs WHERE id = ${lockId} FOR UPDATE`)
  }
  // The provider must be able to see the job: read it with their access, not around it.
  const job = await req.payload
    .findByID(
      user && !userIsOps(user)
        ? { collection: 'jobs', id: jobId, req, depth: 0, overrideAccess: false, user, disableErrors: true }
        : { collection: 'jobs', id: jobId, req, depth: 0, overrideAccess: true, disableErrors: true },
    )
    .catch(() => null)
  if (!job) throw badRequest(`Job ${jobId} does not exist or is not open to you.`, 'job')
  if (req.context?.trusted) return { ...data, customer: idOf(job.customer) } // seed and actions record history as it was
  if (job.status !== 'open') throw conflict(`Job ${jobId} is ${job.status}: it takes no new quotes.`)
  const excluded = (job.excludedProviders ?? []).map((p) => String(idOf(p)))
  if (excluded.includes(String(idOf(data.provider)))) throw forbidden('This provider was excluded from the job.')
  return { ...data, customer: idOf(job.customer) }
}

export const Quotes: CollectionConfig<'quotes'> = {
  slug: 'quotes',
  endpoints: actionEndpointsOf('quotes'),
  access: {
    create: isOpsOrProvider,
    read: canSeeQuote,
    update: isOpsOrQuoteAuthor,
    delete: isOps,
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['id', 'job', 'provider', 'amount', 'currency', 'status'],
    group: 'Fulfillment',
  },
  hooks: {
    beforeValidate: [protectFields({ status: INITIAL_STATES.quote, customer: null }), quoteOnVisibleJob],
    // a pending quote can be edited; under the row lock, so an edit cannot land while the customer accepts it
    beforeChange: [guardStatusChange('quote'), versioned({ editableWhile: ['pending'] })],
    afterChange: [recordCreation('quote')],
  },
  indexes: [{ fields: ['status', 'createdAt'] }],
  fields: [
    fixedAfterCreate({ name: 'job', type: 'relationship', relationTo: 'jobs', required: true, index: true }),
    fixedAfterCreate({
      name: 'provider',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      filterOptions: { role: { equals: 'provider' } },
    }),
    fixedAfterCreate({
      name: 'customer',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      admin: { readOnly: true, position: 'sidebar', description: "Copied from the job." },
    }),
    ...moneyFields(),
    { name: 'message', type: 'textarea', maxLength: 2000 },
    {
      name: 'status',
      type: 'select',
      defaultValue: INITIAL_STATES.quote,
      index: true,
      options: QUOTE_STATUSES.map((s) => ({ label: s, value: s })),
      admin: { position: 'sidebar' },
    },
    versionField(),
  ],
}
