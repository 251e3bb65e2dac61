'use client'

import { useCallback } from 'react'

import { byNextStep, customerNextStep, type NextStep } from '@/domain/nextStep'
import type { Assignment, Job, Quote, ScheduleProposal, User } from '@/payload-types'
import { detailHref, list } from '../api'
import { relId } from '../fulfillment/data'
import { NextStepList } from '../fulfillment/NextStepList'
import { useLoader } from '../fulfillment/useLoader'
import { RequireRole } from '../site/RequireRole'

type Row = { job: Job; assignment: Assignment | null; step: NextStep }

async function loadMyJobs(user: User): Promise<Row[]> {
  // Four reads, in parallel, for the whole list: the jobs, the customer's assignments (each job's visit and provider),
  // the quotes waiting for her answer and the open proposals of times.
  const [jobs, assignments, quotes, proposals] = await Promise.all([
    list<Job>('jobs', { sort: '-updatedAt' }),
    list<Assignment>('assignments', { where: { customer: { equals: user.id } }, sort: '-createdAt', depth: 1 }),
    list<Quote>('quotes', { where: { and: [{ customer: { equals: user.id } }, { status: { equals: 'pending' } }] }, depth: 0 }),
    list<ScheduleProposal>('schedule-proposals', { where: { and: [{ customer: { equals: user.id } }, { status: { equals: 'open' } }] }, depth: 0 }),
  ])
  const byJob = new Map<number, Assignment>()
  for (const a of assignments.docs) {
    const jobId = relId(a.job)!
    const seen = byJob.get(jobId)
    if (!seen || (seen.status === 'rejected' && a.status !== 'rejected')) byJob.set(jobId, a)
  }
  const quotesOf = (jobId: number) => quotes.docs.filter((q) => relId(q.job) === jobId).length
  const proposalOf = (a: Assignment | null) => (a ? proposals.docs.find((p) => relId(p.assignment) === a.id) : undefined)
  const now = new Date()
  return jobs.docs.map((job) => {
    const assignment = byJob.get(job.id) ?? null
    const provider = assignment && typeof assignment.provider === 'object' ? assignment.provider : null
    const step = customerNextStep({
      jobStatus: job.status,
      assignmentStatus: assignment?.status,
      pendingQuotes: quotesOf(job.id),
      openProposalBy: proposalOf(assignment)?.proposerRole ?? null,
      scheduledStart: assignment?.scheduledStart ? new Date(assignment.scheduledStart) : null,
      scheduledEnd: assignment?.scheduledEnd ? new Date(assignment.scheduledEnd) : null,
      otherName: provider?.name ?? null,
      timeZone: job.timeZone ?? 'UTC',
      now,
    })
    return { job, assignment, step }
  })
}

/** `/jobs`: the customer's jobs, what each needs from her first, each with its next step in words. */
export function MyJobs() {
  return <RequireRole role="customer">{(user) => <MyJobsFor user={user} />}</RequireRole>
}

function MyJobsFor({ user }: { user: User }) {
  const load = useCallback(() => loadMyJobs(user), [user])
  const [state] = useLoader(load)
  const rows =
    state.status === 'ready'
      ? byNextStep(state.data, (r) => r.step, (r) => (r.assignment?.scheduledStart ? new Date(r.assignment.scheduledStart).getTime() : -new Date(r.job.updatedAt).getTime()))
      : []
  return (
    <section>
      <h1>My jobs</h1>
      {state.status === 'loading' && <p aria-live="polite">Loading…</p>}
      {state.status === 'error' && <p role="alert" className="error">Could not load your jobs: {state.message}</p>}
      {state.status === 'ready' &&
        (rows.length === 0 ? (
          <p>You have no jobs yet.</p>
        ) : (
          <NextStepList rows={rows.map(({ job, step }) => ({ id: job.id, href: detailHref('jobs', job.id), title: job.title, step }))} noun="job" testId="job-row" />
        ))}
    </section>
  )
}
