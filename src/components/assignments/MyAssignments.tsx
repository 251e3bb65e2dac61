'use client'

import Link from 'next/link'
import { useCallback } from 'react'

import { byNextStep, providerNextStep, type NextStep } from '@/domain/nextStep'
import type { Assignment, ScheduleProposal, User } from '@/payload-types'
import { detailHref, list } from '../api'
import { relId } from '../fulfillment/data'
import { NextStepList } from '../fulfillment/NextStepList'
import { useLoader } from '../fulfillment/useLoader'
import { RequireRole } from '../site/RequireRole'

const jobTitle = (a: Assignment) => (typeof a.job === 'object' ? a.job.title : `Job #${a.job}`)

type Row = { assignment: Assignment; step: NextStep }

async function loadMyAssignments(user: User): Promise<Row[]> {
  // Two reads, in parallel: the assignments (their jobs and customers populated, as far as the provider may see them)
  // and the open proposals of times.
  const [assignments, proposals] = await Promise.all([
    list<Assignment>('assignments', { where: { provider: { equals: user.id } }, sort: '-updatedAt', depth: 1 }),
    list<ScheduleProposal>('schedule-proposals', { where: { and: [{ provider: { equals: user.id } }, { status: { equals: 'open' } }] }, depth: 0 }),
  ])
  const now = new Date()
  return assignments.docs.map((assignment) => {
    const customer = typeof assignment.customer === 'object' ? assignment.customer : null
    const step = providerNextStep({
      jobStatus: typeof assignment.job === 'object' ? assignment.job.status : 'assigned',
      assignmentStatus: assignment.status,
      openProposalBy: proposals.docs.find((p) => relId(p.assignment) === assignment.id)?.proposerRole ?? null,
      scheduledStart: assignment.scheduledStart ? new Date(assignment.scheduledStart) : null,
      scheduledEnd: assignment.scheduledEnd ? new Date(assignment.scheduledEnd) : null,
      otherName: customer?.name ?? null,
      timeZone: assignment.timeZone ?? 'UTC',
      now,
    })
    return { assignment, step }
  })
}

/** `/assignments`: the provider's day first — today's visits, then what waits on them — each with its next step. */
export function MyAssignments() {
  return <RequireRole role="provider">{(user) => <MyAssignmentsFor user={user} />}</RequireRole>
}

function MyAssignmentsFor({ user }: { user: User }) {
  const load = useCallback(() => loadMyAssignments(user), [user])
  const [state] = useLoader(load)
  const rows =
    state.status === 'ready'
      ? byNextStep(state.data, (r) => r.step, (r) => (r.assignment.scheduledStart ? new Date(r.assignment.scheduledStart).getTime() : -new Date(r.assignment.updatedAt).getTime()))
      : []
  return (
    <section>
      <h1>My assignments</h1>
      <p>
        <Link href="/availability">Edit your working hours and days off</Link>
      </p>
      {state.status === 'loading' && <p aria-live="polite">Loading…</p>}
      {state.status === 'error' && <p role="alert" className="error">Could not load your assignments: {state.message}</p>}
      {state.status === 'ready' &&
        (rows.length === 0 ? (
          <p>No assignments yet.</p>
        ) : (
          <NextStepList
            rows={rows.map(({ assignment, step }) => ({ id: assignment.id, href: detailHref('assignments', assignment.id), title: jobTitle(assignment), step }))}
            noun="assignment"
            testId="assignment-row"
          />
        ))}
    </section>
  )
}
