'use client'

import React, { useState } from 'react'

import { expectedArrival, isVisitDay, MAX_ETA_MINUTES, MIN_ETA_MINUTES, ON_MY_WAY_RESEND_MINUTES, visitDayFor } from '@/domain/visitDay'
import type { Assignment } from '@/payload-types'
import { post, type ApiError } from '../api'
import { Notice } from '../forms'
import { when } from '../format'
import { actionMessage } from './actions'

/** The visit day's facts for the visit booked now (facts about a visit that moved do not count). */
const factsOf = (a: Assignment) => visitDayFor(a.visitDay ?? null, a.scheduledStart)

/** "On the way (ETA …)" / "Arrived", as both sides read it. */
export function VisitDayStatus({ assignment, timeZone }: { assignment: Assignment; timeZone: string }) {
  const facts = factsOf(assignment)
  if (assignment.status !== 'scheduled' || !facts) return null
  if (facts.arrivedAt) return <p className="visit-day" data-testid="visit-day">Arrived at {when(facts.arrivedAt, timeZone)}.</p>
  if (!facts.onMyWayAt) return null
  const eta = expectedArrival(new Date(facts.onMyWayAt), facts.etaMinutes ?? null)
  return (
    <p className="visit-day" data-testid="visit-day">
      On the way since {when(facts.onMyWayAt, timeZone)}
      {eta ? ` (ETA ${when(eta.toISOString(), timeZone)}, about ${facts.etaMinutes} min)` : ''}.
    </p>
  )
}

/** The provider's "On my way" (with optional minutes to arrival) and "Arrived", on the visit's day only. */
export function VisitDayActions({ assignment, timeZone, reload }: { assignment: Assignment; timeZone: string; reload: () => Promise<void> }) {
  const [minutes, setMinutes] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const visit = assignment.scheduledStart ? { start: new Date(assignment.scheduledStart), end: assignment.scheduledEnd ? new Date(assignment.scheduledEnd) : null } : null
  if (assignment.status !== 'scheduled' || !isVisitDay(visit, new Date(), timeZone)) return null
  const facts = factsOf(assignment)

  const act = async (path: 'on-my-way' | 'arrived', what: string) => {
    setBusy(true)
    setError(null)
    try {
      const body: Record<string, unknown> = { version: assignment.version }
      if (path === 'on-my-way' && minutes.trim()) body.minutes = Number(minutes)
      await post(`/assignments/${assignment.id}/${path}`, body)
      await reload()
    } catch (e) {
      const err = e as ApiError
      if (err.status === 409) await reload()
      setError(err.fieldErrors?.minutes ?? actionMessage(err, what))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="visit-day-title">
      <h2 id="visit-day-title">Today&apos;s visit</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <VisitDayStatus assignment={assignment} timeZone={timeZone} />
      {facts?.notifiedAt && <p data-testid="customer-told">The customer was told at {when(facts.notifiedAt, timeZone)}.</p>}
      {!facts?.arrivedAt && (
        <p className="actions">
          <label htmlFor="eta-minutes">Minutes to arrival (optional)</label>
          <input id="eta-minutes" type="number" inputMode="numeric" min={MIN_ETA_MINUTES} max={MAX_ETA_MINUTES} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <button type="button" className="primary" disabled={busy} onClick={() => act('on-my-way', '"On my way"')}>
            On my way
          </button>
          <button type="button" disabled={busy} onClick={() => act('arrived', '"Arrived"')}>
            Arrived
          </button>
        </p>
      )}
      <p className="muted">
        The customer gets an email (and a text, if they turned texts on) straight away. Tapping On my way again within{' '}
        {ON_MY_WAY_RESEND_MINUTES} minutes only updates the time on their page, without another message.
      </p>
    </section>
  )
}
