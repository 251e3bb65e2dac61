'use client'

import Link from 'next/link'
import { useCallback } from 'react'

import type { Assignment, Job, User } from '@/payload-types'
import { detailHref, list } from '../api'
import { StatusBadge, windowText } from '../format'
import { relId } from '../fulfillment/data'
import { useLoader } from '../fulfillment/useLoader'
import { RequireRole } from '../site/RequireRole'

async function loadMyJobs(user: User) {
  // Two reads for the whole list: the jobs, and the customer's assignments to show each job's visit.
  const [jobs, assignments] = await Promise.all([
    list<Job>('jobs', { sort: '-updatedAt' }),
    list<Assignment>('assignments', { where: { customer: { equals: user.id } }, sort: '-createdAt' }),
  ])
  const byJob = new Map<number, Assignment>()
  for (const a of assignments.docs) {
    const jobId = relId(a.job)!
    const seen = byJob.get(jobId)
    if (!seen || (seen.status === 'rejected' && a.status !== 'rejected')) byJob.set(jobId, a)
  }
  return jobs.docs.map((job) => ({ job, assignment: byJob.get(job.id) ?? null }))
}

/** `/jobs`: the customer's jobs, newest activity first, with where each stands. */
export function MyJobs() {
  return <RequireRole role="customer">{(user) => <MyJobsFor user={user} />}</RequireRole>
}

function MyJobsFor({ user }: { user: User }) {
  const load = useCallback(() => loadMyJobs(user), [user])
  const [state] = useLoader(load)
  return (
    <section>
      <h1>My jobs</h1>
      {state.status === 'loading' && <p aria-live="polite">Loading…</p>}
      {state.status === 'error' && <p role="alert" className="error">Could not load your jobs: {state.message}</p>}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p>You have no jobs yet.</p>
        ) : (
          <ul className="cards">
            {state.data.map(({ job, assignment }) => (
              <li key={job.id} className="card row">
                <Link href={detailHref('jobs', job.id)} className="title">
                  {job.title}
                </Link>
                <StatusBadge status={assignment?.status ?? job.status} />
                <span className="muted">
                  {assignment?.scheduledStart && assignment.scheduledEnd && assignment.status === 'scheduled'
                    ? `Visit ${windowText({ start: assignment.scheduledStart, end: assignment.scheduledEnd }, job.timeZone ?? 'UTC')}`
                    : job.status === 'open'
                      ? 'Waiting for quotes'
                      : ''}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
