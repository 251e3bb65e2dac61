'use client'

import Link from 'next/link'
import { useCallback } from 'react'

import type { Assignment, AuditEvent, Job, Quote, User } from '@/payload-types'
import { api, ApiError, list } from '../api'
import { StatusBadge } from '../format'
import { AssignmentSummary } from '../fulfillment/AssignmentSummary'
import { Checklist } from '../fulfillment/Checklist'
import { loadAssignmentBundle, loadTimeline, relId, type AssignmentBundle } from '../fulfillment/data'
import { ReminderHistory } from '../fulfillment/ReminderHistory'
import { SchedulingPanel } from '../fulfillment/SchedulingPanel'
import { Timeline } from '../fulfillment/Timeline'
import { useDetailId } from '../fulfillment/useDetailId'
import { useLoader } from '../fulfillment/useLoader'
import { VerifyPanel } from '../fulfillment/VerifyPanel'
import { VisitCard } from '../fulfillment/VisitCard'
import { VisitDayStatus } from '../fulfillment/VisitDay'
import { NotYours } from '../site/NotYours'
import { RequireRole } from '../site/RequireRole'
import { CancelJob, JobOutcome } from './JobOutcome'
import { QuoteList } from './QuoteList'

type JobPage = { job: Job; quotes: Quote[]; bundle: AssignmentBundle | null; events: AuditEvent[] }

/** The providers who quoted, by id: the customer reads their steps by name. */
const providerNames = (quotes: Quote[]) =>
  Object.fromEntries(quotes.flatMap((q) => (typeof q.provider === 'object' && q.provider ? [[String(q.provider.id), q.provider.name]] : [])))

/** The assignment that matters now: the live one, else the most recent (rejected or cancelled) one. */
const currentAssignment = (docs: Assignment[]) => docs.find((a) => a.status !== 'rejected') ?? docs[0]

async function loadJobPage(id: number): Promise<JobPage> {
  if (!Number.isFinite(id)) throw new ApiError('No such job.', 404)
  // the job and what hangs off it by the job's id at once (a job not yours is a 404 from the first, and the lists of
  // it are empty to you), then the assignment's own records, then its timeline: three rounds
  const [job, quotes, assignments] = await Promise.all([
    api<Job>(`/jobs/${id}?depth=0`),
    list<Quote>('quotes', { where: { job: { equals: id } }, sort: 'createdAt', depth: 1 }),
    list<Assignment>('assignments', { where: { job: { equals: id } }, sort: '-createdAt', limit: 10 }),
  ])
  const current = currentAssignment(assignments.docs)
  const bundle = current ? await loadAssignmentBundle(current.id) : null
  return { job, quotes: quotes.docs, bundle, events: await loadTimeline(id, bundle) }
}

/** `/jobs/[id]` and `/jobs/view?id=`: everything about one of the customer's jobs. */
export function JobDetail() {
  const id = useDetailId()
  return <RequireRole role="customer">{(user) => <JobDetailFor id={id} user={user} />}</RequireRole>
}

function JobDetailFor({ id, user }: { id: number; user: User }) {
  const load = useCallback(() => loadJobPage(id), [id])
  const [state, reload] = useLoader(load)
  if (state.status === 'loading') return <p aria-live="polite">Loading…</p>
  if (state.status === 'not-found') return <NotYours what="Job" back={{ href: '/jobs', label: 'Back to My jobs' }} />
  if (state.status === 'error') return <p role="alert" className="error">Could not load this job: {state.message}</p>

  const { job, quotes, bundle, events } = state.data
  const timeZone = job.timeZone ?? bundle?.assignment.timeZone ?? 'UTC'
  // the provider by name, from the quote the assignment came from (quotes are read with their provider)
  const accepted = bundle ? quotes.find((q) => q.id === relId(bundle.assignment.quote)) : undefined
  const providerName = accepted && typeof accepted.provider === 'object' ? accepted.provider.name : null
  return (
    <article className="detail">
      <p className="crumbs">
        <Link href="/jobs">My jobs</Link>
      </p>
      <h1>
        {job.title} <StatusBadge status={bundle?.assignment.status ?? job.status} />
      </h1>
      {/* the provider on the way or at the door: first, above the fold */}
      {bundle && <VisitDayStatus assignment={bundle.assignment} timeZone={timeZone} />}
      {bundle && <JobOutcome assignment={bundle.assignment} providerName={providerName ?? 'Your provider'} timeZone={timeZone} />}
      {/* finished work: the answer it needs, and what the provider reported, before anything else */}
      {bundle && <VerifyPanel assignment={bundle.assignment} providerName={providerName ?? 'Your provider'} reload={reload} />}
      {bundle && <Checklist assignment={bundle.assignment} timeZone={timeZone} />}
      <AssignmentSummary job={job} assignment={bundle?.assignment ?? null} timeZone={timeZone} />
      {bundle && <VisitCard assignment={bundle.assignment} job={job} timeZone={timeZone} />}
      {bundle && <SchedulingPanel bundle={bundle} job={job} side="customer" timeZone={timeZone} reload={reload} otherName={providerName} />}
      <QuoteList job={job} quotes={quotes} reload={reload} />
      <CancelJob job={job} assignment={bundle?.assignment ?? null} providerName={providerName} timeZone={timeZone} reload={reload} />
      {bundle && <ReminderHistory logs={bundle.reminders} viewerId={user.id} timeZone={timeZone} />}
      <Timeline events={events} timeZone={timeZone} viewerRole="customer" names={providerNames(quotes)} />
    </article>
  )
}
