import type { Payload, PayloadRequest, TypedUser } from 'payload'
import React from 'react'

import { ACTIVE_ASSIGNMENT_STATUSES } from '@/access/fieldPolicy'
import type { Assignment, Job, Quote } from '@/payload-types'
import { opsButtonsFor } from '@/services/console/opsActions'
import { ageSince, amountText, nameOf, personOf, visitText } from './facts'
import { OpsActions } from './OpsActions'
import { jobTimeline, Timeline } from './timeline'
import { WorkbenchHeader, type Fact } from './WorkbenchHeader'

type Props = { id?: number | string; payload: Payload; req: PayloadRequest }

/**
 * The `workbench` ui field of a job: its customer, provider and assignments, the buttons of what Ops may do from its
 * state and from each pending quote's, and every audit row that names the job. Ops only, with the user's access.
 */
export async function JobWorkbench({ id, payload, req }: Props) {
  const user = req.user as (TypedUser & { role?: string }) | null
  if (id == null || user?.role !== 'ops') return null
  const as = { user, overrideAccess: false } as const
  const job = (await payload.findByID({ collection: 'jobs', id, depth: 1, disableErrors: true, ...as })) as Job | null
  if (!job) return null
  const [assignments, quotes, entries] = await Promise.all([
    payload.find({ collection: 'assignments', where: { job: { equals: job.id } }, sort: '-createdAt', limit: 20, depth: 1, ...as }),
    payload.find({ collection: 'quotes', where: { job: { equals: job.id } }, sort: 'createdAt', limit: 50, depth: 1, ...as }),
    jobTimeline(payload, user, job.id),
  ])
  const timeZone = job.timeZone ?? 'UTC'
  const adminRoute = payload.config.routes.admin
  const now = new Date()
  const active = (assignments.docs as Assignment[]).find((a) => (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(a.status ?? ''))

  const facts: Fact[] = [
    { term: 'Customer', value: personOf(job.customer), testId: 'fact-customer' },
    { term: 'Provider', value: job.assignedProvider ? personOf(job.assignedProvider) : 'None assigned', testId: 'fact-provider' },
    { term: `Visit (${timeZone})`, value: active ? visitText(active, timeZone) : 'No active assignment', testId: 'fact-visit' },
    {
      term: 'Assignments',
      value: assignments.docs.length ? (
        <ul className="jl-plain">
          {(assignments.docs as Assignment[]).map((a) => (
            <li key={a.id}>
              <a href={`${adminRoute}/collections/assignments/${a.id}`}>{`${nameOf(a.provider)}: ${a.status}`}</a>
              {` (${amountText(a.amount, a.currency)}, payout ${a.payoutStatus})`}
            </li>
          ))}
        </ul>
      ) : (
        'None yet'
      ),
      testId: 'fact-assignments',
    },
    { term: 'Age', value: `posted ${ageSince(job.createdAt, now)} ago`, testId: 'fact-age' },
  ]
  const pending = (quotes.docs as Quote[]).filter((q) => q.status === 'pending')
  const buttons = [
    ...opsButtonsFor({ machine: 'job', collection: 'jobs', id: job.id, status: job.status ?? 'open', version: job.version ?? 1, subject: job.title }),
    ...pending.flatMap((q) =>
      opsButtonsFor({
        machine: 'quote',
        collection: 'quotes',
        id: q.id,
        status: q.status ?? 'pending',
        version: q.version ?? 1,
        subject: `quote from ${nameOf(q.provider)} (${amountText(q.amount, q.currency)})`,
      }),
    ),
  ]

  return (
    <div className="field-type jl-workbench" data-testid="workbench">
      <WorkbenchHeader title={`${nameOf(job.customer)}'s job`} status={job.status ?? 'open'} facts={facts} />
      <OpsActions buttons={buttons} heading="What Ops can do now" />
      <Timeline entries={entries} timeZone={timeZone} adminRoute={adminRoute} testId="job-timeline" />
    </div>
  )
}
