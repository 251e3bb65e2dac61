'use client'

import React, { useState } from 'react'

import { expectedArrival, isVisitDay, MAX_ETA_MINUTES, MIN_ETA_MINUTES, ON_MY_WAY_RESEND_MINUTES, visitDayFor } from '@/domain/visitDay'
import type { Assignment, Job, User } from '@/payload-types'
import { post, type ApiError } from '../api'
import { Notice } from '../forms'
import { addressText, phoneText, when } from '../format'
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
  const left = eta ? Math.round((eta.getTime() - Date.now()) / 60_000) : null
  return (
    <p className="visit-day" data-testid="visit-day">
      <strong>{left !== null && left > 0 ? `On the way, about ${left} min` : 'On the way'}</strong>
      {' · '}since {when(facts.onMyWayAt, timeZone)}
      {eta ? ` (ETA ${when(eta.toISOString(), timeZone)}, about ${facts.etaMinutes} min)` : ''}.
    </p>
  )
}

/** The provider's "On my way" (with optional minutes to arrival) and "Arrived", on the visit's day only. */
export function VisitDayActions({
  assignment,
  job,
  customer,
  reader,
  timeZone,
  reload,
}: {
  assignment: Assignment
  job?: Job | null
  customer?: User | null
  /** The signed-in provider: the customer's phone is shown as they dial it. */
  reader?: User | null
  timeZone: string
  reload: () => Promise<void>
}) {
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
      <VisitContact job={job ?? null} customer={customer ?? null} readerTimeZone={reader?.timeZone} />
      {facts?.notifiedAt && (
        <Notice kind="success">
          <span data-testid="customer-told">
            {customer?.name ?? 'The customer'} was told at {when(facts.notifiedAt, timeZone)}.
          </span>
        </Notice>
      )}
      {!facts?.arrivedAt && (
        // the next tap is the prominent one: On my way first, then Arrived
        <div className="actions">
          <label htmlFor="eta-minutes">Minutes to arrival (optional)</label>
          <input id="eta-minutes" type="number" inputMode="numeric" min={MIN_ETA_MINUTES} max={MAX_ETA_MINUTES} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <button type="button" className={facts?.onMyWayAt ? undefined : 'primary'} disabled={busy} onClick={() => act('on-my-way', '"On my way"')}>
            On my way
          </button>
          <button type="button" className={facts?.onMyWayAt ? 'primary' : undefined} disabled={busy} onClick={() => act('arrived', '"Arrived"')}>
            Arrived
          </button>
        </div>
      )}
      <p className="muted">
        The customer gets an email (and a text, if they turned texts on) straight away. Tapping On my way again within{' '}
        {ON_MY_WAY_RESEND_MINUTES} minutes only updates the time on their page, without another message.
      </p>
    </section>
  )
}

/**
 * Who and where, as the assigned provider may read them today: the customer's name, their phone as a tap-to-call link
 * (shown as the provider dials it, nationally from the same country; the link keeps E.164) and the address as a directions link (a plain maps URL: no map is loaded from another host). What the field policy
 * leaves out (the street once the work is not theirs, say) is not there to show.
 */
function VisitContact({ job, customer, readerTimeZone }: { job: Job | null; customer: User | null; readerTimeZone?: string | null }) {
  const address = addressText(job?.serviceAddress)
  if (!customer && !address) return null
  return (
    <dl className="visit-contact">
      {customer?.name && (
        <>
          <dt>Customer</dt>
          <dd>{customer.name}</dd>
        </>
      )}
      {customer?.phone && (
        <>
          <dt>Phone</dt>
          <dd>
            <a href={`tel:${customer.phone}`} className="tap-link">
              Call {phoneText(customer.phone, readerTimeZone)}
            </a>
          </dd>
        </>
      )}
      {address && (
        <>
          <dt>Address</dt>
          <dd>
            <a href={`https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(address)}`} className="tap-link" target="_blank" rel="noreferrer">
              {address} (directions)
            </a>
          </dd>
        </>
      )}
    </dl>
  )
}
