'use client'

import { useSearchParams } from 'next/navigation'
import React, { useState } from 'react'

import type { Job, ScheduleProposal } from '@/payload-types'
import { ApiError, post } from '../api'
import { Notice } from '../forms'
import { windowText } from '../format'
import { ConfirmAction } from './ConfirmAction'
import type { AssignmentBundle } from './data'
import { ProposeForm, type ProposalConflicts } from './ProposeForm'

type Side = 'customer' | 'provider'
const OTHER: Record<Side, string> = { customer: 'provider', provider: 'customer' }

/** What a proposed window clashes with, said to the reader: their own hours are "your", the other side's by name. */
const kindText = (kind: string, side: Side, other: string): string => {
  const theirs = (mine: string, others: string) => (side === 'provider' ? mine : others)
  switch (kind) {
    case 'overlaps_visit':
      return theirs('Clashes with another of your visits', `Clashes with another of ${other}'s visits`)
    case 'outside_working_hours':
      return theirs('Outside your working hours', `Outside ${other}'s working hours`)
    case 'blackout':
      return theirs('You marked that day as unavailable', `${other} is unavailable that day`)
    case 'outside_preferred':
      return side === 'customer' ? 'Outside your preferred times' : `Outside ${other}'s preferred times`
    default:
      return 'Does not fit'
  }
}

/**
 * Picking the visit: the other side's open proposal with one "Confirm" per window, your own open proposal, the form to
 * propose new times, and what the last proposal conflicts with. Confirming sends the assignment's `version`; a 409
 * (someone changed it meanwhile) reloads the page's data and says so.
 */
export function SchedulingPanel({
  bundle,
  job,
  side,
  timeZone,
  reload,
  otherName,
}: {
  bundle: AssignmentBundle
  job: Job | null
  side: Side
  timeZone: string
  reload: () => Promise<void>
  /** The other side's name as the reader may see it; "the provider" / "the customer" without one. */
  otherName?: string | null
}) {
  const { assignment, proposals } = bundle
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [conflicts, setConflicts] = useState<ProposalConflicts | null>(null)
  const [busy, setBusy] = useState(false)
  // "I need another time" from a reminder email opens the page with ?propose=1: the form is open at once
  const proposeAsked = useSearchParams().get('propose') === '1'
  const open = proposals.filter((p) => p.status === 'open')
  const theirs = open.filter((p) => p.proposerRole !== side)
  const mine = open.filter((p) => p.proposerRole === side)
  const canSchedule = assignment.status === 'pending_schedule' || assignment.status === 'scheduled'
  const jobId = typeof assignment.job === 'object' ? assignment.job.id : assignment.job
  const other = otherName || `the ${OTHER[side]}`
  const Other = other.charAt(0).toUpperCase() + other.slice(1)

  const confirm = async (proposal: ScheduleProposal, windowIndex: number) => {
    setBusy(true)
    setNotice(null)
    try {
      await post(`/assignments/${assignment.id}/schedule/confirm`, { proposalId: proposal.id, windowIndex, version: assignment.version })
      setConflicts(null)
      await reload()
      setNotice({ kind: 'success', text: `Visit booked: ${windowText(proposal.windows[windowIndex], timeZone)}.` })
    } catch (error) {
      const e = error as ApiError
      if (e.status === 409) {
        await reload()
        setNotice({ kind: 'error', text: `${e.message} Someone changed this while you were looking: the page now shows the latest times. Check them and try again.` })
      } else setNotice({ kind: 'error', text: e.message })
    } finally {
      setBusy(false)
    }
  }

  const proposed = async (result: ProposalConflicts) => {
    setConflicts(result)
    setNotice({ kind: 'success', text: `Your times were sent to ${other}.` })
    await reload()
  }

  if (!canSchedule) return null
  const preferred = job?.preferredWindows ?? []
  return (
    <section className="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{assignment.status === 'scheduled' ? 'Move the visit' : 'Choose a visit time'}</h2>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}

      {preferred.length > 0 && (
        <div className="preferred">
          <h3>{side === 'customer' ? 'Your preferred times' : `${Other}'s preferred times`}</h3>
          <ul>
            {preferred.map((w) => (
              <li key={w.id ?? w.start}>{windowText(w, timeZone)}</li>
            ))}
          </ul>
        </div>
      )}

      {theirs.map((p) => (
        <div className="proposal" key={p.id} data-testid="their-proposal">
          <h3>{Other} proposed</h3>
          {p.note && <p className="note">“{p.note}”</p>}
          <ul className="windows">
            {p.windows.map((w, i) => (
              <li key={w.id ?? i}>
                <span>{windowText(w, p.timeZone ?? timeZone)}</span>
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  aria-label={`Confirm ${windowText(w, p.timeZone ?? timeZone)}`}
                  onClick={() => confirm(p, i)}
                >
                  Confirm
                </button>
              </li>
            ))}
          </ul>
          <ConfirmAction
            id={`decline-proposal-${p.id}`}
            opener="None of these work…"
            tone="danger"
            consequence={<p>{Other} is told none of these times work for you. Then propose times that do, below.</p>}
            reason={{ label: `A note for ${other} (optional)`, key: 'note' }}
            confirm="Decline these times"
            keep="Back"
            what="Declining the times"
            run={async (body) => {
              await post(`/schedule-proposals/${p.id}/decline`, { ...body, version: p.version })
              await reload()
              setNotice({ kind: 'success', text: `${Other} was told these times do not work. Propose times that do below.` })
            }}
            onConflict={reload}
          />
        </div>
      ))}
      {theirs.length === 0 && assignment.status === 'pending_schedule' && <p className="muted">No times proposed by {other} yet.</p>}

      {mine.map((p) => (
        <div className="proposal mine" key={p.id} data-testid="my-proposal">
          <h3>You proposed (waiting for {other})</h3>
          <ul className="windows">
            {p.windows.map((w, i) => (
              <li key={w.id ?? i}>{windowText(w, p.timeZone ?? timeZone)}</li>
            ))}
          </ul>
        </div>
      ))}

      {conflicts && (
        <div className="conflicts" role="status" data-testid="conflicts">
          <h3>How your times fit</h3>
          <ul>
            {conflicts.map((c) => (
              <li key={c.windowIndex}>
                <strong>Window {c.windowIndex + 1}</strong> ({c.local}):{' '}
                {c.conflicts.length === 0 ? (
                  <span className="ok">no conflicts</span>
                ) : (
                  <ul>
                    {c.conflicts.map((k) => (
                      <li key={k.kind + k.message} className="conflict">
                        <strong>{kindText(k.kind, side, other)}.</strong> {k.message}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {assignment.status === 'scheduled' && !conflicts && mine.length === 0 ? (
        // a booked visit rarely moves: keep the form one click away rather than in the way
        <details className="reschedule" open={proposeAsked}>
          <summary>Need a different time? Propose new times</summary>
          <ProposeForm jobId={Number(jobId)} version={assignment.version ?? 1} timeZone={timeZone} onProposed={proposed} />
        </details>
      ) : (
        <ProposeForm jobId={Number(jobId)} version={assignment.version ?? 1} timeZone={timeZone} onProposed={proposed} />
      )}
    </section>
  )
}
