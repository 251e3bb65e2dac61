'use client'

import Link from 'next/link'
import { useCallback } from 'react'

import type { AuditEvent, Job, User } from '@/payload-types'
import { api, ApiError } from '../api'
import { StatusBadge } from '../format'
import { AssignmentSummary } from '../fulfillment/AssignmentSummary'
import { Checklist } from '../fulfillment/Checklist'
import { loadAssignmentBundle, loadJob, loadTimeline, relId, type AssignmentBundle } from '../fulfillment/data'
import { ReminderHistory } from '../fulfillment/ReminderHistory'
import { SchedulingPanel } from '../fulfillment/SchedulingPanel'
import { Timeline } from '../fulfillment/Timeline'
import { useDetailId } from '../fulfillment/useDetailId'
import { useLoader } from '../fulfillment/useLoader'
import { VisitCard } from '../fulfillment/VisitCard'
import { VisitDayActions } from '../fulfillment/VisitDay'
import { NotYours } from '../site/NotYours'
import { RequireRole } from '../site/RequireRole'
import { CompleteForm } from './CompleteForm'
import { RejectForm } from './RejectForm'

type AssignmentPage = { bundle: AssignmentBundle; job: Job | null; events: AuditEvent[]; customer: User | null }

async function loadAssignmentPage(id: number): Promise<AssignmentPage> {
  if (!Number.isFinite(id)) throw new ApiError('No such assignment.', 404)
  const bundle = await loadAssignmentBundle(id)
  const jobId = relId(bundle.assignment.job)
  const customerId = relId(bundle.assignment.customer)
  // the customer as this provider may see them: a name always, a phone only while the work is theirs (field policy)
  const [job, events, customer] = await Promise.all([
    jobId ? loadJob(jobId) : null,
    loadTimeline(jobId, bundle),
    customerId ? api<User>(`/users/${customerId}?depth=0`).catch(() => null) : null,
  ])
  return { bundle, job, events, customer }
}

/** `/assignments/[id]` and `/assignments/view?id=`: one assignment, as its provider works it. */
export function AssignmentDetail() {
  const id = useDetailId()
  return <RequireRole role="provider">{(user) => <AssignmentDetailFor id={id} user={user} />}</RequireRole>
}

function AssignmentDetailFor({ id, user }: { id: number; user: User }) {
  const load = useCallback(() => loadAssignmentPage(id), [id])
  const [state, reload] = useLoader(load)
  if (state.status === 'loading') return <p aria-live="polite">Loading…</p>
  if (state.status === 'not-found') return <NotYours what="Assignment" back={{ href: '/assignments', label: 'Back to My assignments' }} />
  if (state.status === 'error') return <p role="alert" className="error">Could not load this assignment: {state.message}</p>

  const { bundle, job, events, customer } = state.data
  const { assignment } = bundle
  const timeZone = assignment.timeZone ?? job?.timeZone ?? 'UTC'
  return (
    <article className="detail">
      <p className="crumbs">
        <Link href="/assignments">My assignments</Link>
      </p>
      <h1>
        {job?.title ?? `Assignment ${assignment.id}`} <StatusBadge status={assignment.status} />
      </h1>
      {/* on the visit's day the next step comes first: On my way, Arrived, then Mark complete once it has started */}
      <VisitDayActions assignment={assignment} job={job} customer={customer} reader={user} timeZone={timeZone} reload={reload} />
      <CompleteForm assignment={assignment} reload={reload} />
      <AssignmentSummary job={job} assignment={assignment} timeZone={timeZone} showPayout />
      <VisitCard assignment={assignment} job={job} timeZone={timeZone} />
      <SchedulingPanel bundle={bundle} job={job} side="provider" timeZone={timeZone} reload={reload} otherName={customer?.name} />
      <Checklist assignment={assignment} timeZone={timeZone} />
      <RejectForm assignment={assignment} reload={reload} />
      <ReminderHistory logs={bundle.reminders} viewerId={user.id} timeZone={timeZone} />
      <Timeline events={events} timeZone={timeZone} viewerRole="provider" names={customer?.name ? { [String(customer.id)]: customer.name } : undefined} />
    </article>
  )
}
