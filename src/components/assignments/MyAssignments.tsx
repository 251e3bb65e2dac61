'use client'

import Link from 'next/link'
import { useCallback } from 'react'

import type { Assignment, User } from '@/payload-types'
import { detailHref, list } from '../api'
import { StatusBadge, windowText } from '../format'
import { useLoader } from '../fulfillment/useLoader'
import { RequireRole } from '../site/RequireRole'

const jobTitle = (a: Assignment) => (typeof a.job === 'object' ? a.job.title : `Job #${a.job}`)

/** `/assignments`: the provider's assignments (one read; jobs they may still see come populated). */
export function MyAssignments() {
  return <RequireRole role="provider">{(user) => <MyAssignmentsFor user={user} />}</RequireRole>
}

function MyAssignmentsFor({ user }: { user: User }) {
  const load = useCallback(
    () => list<Assignment>('assignments', { where: { provider: { equals: user.id } }, sort: '-updatedAt', depth: 1 }),
    [user],
  )
  const [state] = useLoader(load)
  return (
    <section>
      <h1>My assignments</h1>
      <p>
        <Link href="/availability">Edit your working hours and days off</Link>
      </p>
      {state.status === 'loading' && <p aria-live="polite">Loading…</p>}
      {state.status === 'error' && <p role="alert" className="error">Could not load your assignments: {state.message}</p>}
      {state.status === 'ready' &&
        (state.data.docs.length === 0 ? (
          <p>No assignments yet.</p>
        ) : (
          <ul className="cards">
            {state.data.docs.map((a) => (
              <li key={a.id} className="card row">
                <Link href={detailHref('assignments', a.id)} className="title">
                  {jobTitle(a)}
                </Link>
                <StatusBadge status={a.status} />
                <span className="muted">
                  {a.scheduledStart && a.scheduledEnd && a.status === 'scheduled'
                    ? `Visit ${windowText({ start: a.scheduledStart, end: a.scheduledEnd }, a.timeZone ?? 'UTC')}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
