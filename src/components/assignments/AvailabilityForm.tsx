'use client'

import React, { useCallback, useEffect, useState } from 'react'

import type { User } from '@/payload-types'
import { api, type ApiError, type FieldErrors } from '../api'
import { FieldError, fieldProps, Notice } from '../forms'
import { RequireRole } from '../site/RequireRole'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
type Hours = { day: string; start: string; end: string }
const WEEKDAYS_9_TO_5: Hours[] = ['1', '2', '3', '4', '5'].map((day) => ({ day, start: '09:00', end: '17:00' }))

/** `/availability`: the provider's weekly working hours and days off, saved with `PATCH /api/users/:id`. */
export function AvailabilityPage() {
  return <RequireRole role="provider">{(user) => <AvailabilityForm user={user} />}</RequireRole>
}

function AvailabilityForm({ user }: { user: User }) {
  const [hours, setHours] = useState<Hours[]>([])
  const [blackouts, setBlackouts] = useState<string[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  // the form appears once the fresh record is in: edits made before it arrived would be overwritten by it
  const [loaded, setLoaded] = useState(false)

  const fill = useCallback((u: User) => {
    setHours((u.availability?.weeklyHours ?? []).map((h) => ({ day: h.day, start: h.start, end: h.end })))
    setBlackouts((u.availability?.blackoutDates ?? []).map((b) => b.date))
    setLoaded(true)
  }, [])
  useEffect(() => {
    // the session's copy may be older than the record: read it fresh
    api<User>(`/users/${user.id}?depth=0`).then(fill, () => fill(user))
  }, [user, fill])

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    const found: FieldErrors = {}
    hours.forEach((h, i) => {
      if (!h.start) found[`availability.weeklyHours.${i}.start`] = 'Pick a start time.'
      if (!h.end) found[`availability.weeklyHours.${i}.end`] = 'Pick an end time.'
      else if (h.start && h.end <= h.start) found[`availability.weeklyHours.${i}.end`] = 'End must be after start.'
    })
    blackouts.forEach((d, i) => {
      if (!d) found[`availability.blackoutDates.${i}.date`] = 'Pick a date or remove this row.'
    })
    setErrors(found)
    setSaved(false)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      const { doc } = await api<{ doc: User }>(`/users/${user.id}`, {
        method: 'PATCH',
        body: { availability: { weeklyHours: hours, blackoutDates: blackouts.map((date) => ({ date })) } },
      })
      fill(doc)
      setSaved(true)
    } catch (error) {
      const e = error as ApiError
      setErrors(Object.keys(e.fieldErrors).length ? e.fieldErrors : { form: e.message })
    } finally {
      setBusy(false)
    }
  }

  const setHour = (i: number, patch: Partial<Hours>) => setHours(hours.map((h, j) => (j === i ? { ...h, ...patch } : h)))
  if (!loaded) return <p className="muted">Loading your working hours…</p>

  return (
    <form className="detail" onSubmit={save} noValidate>
      <h1>Working hours and days off</h1>
      <p className="muted">
        Times are in your time zone, <strong>{user.timeZone ?? 'UTC'}</strong>. Customers see a conflict when they propose a
        visit outside them; they are not refused.
      </p>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {saved && <Notice kind="success">Saved.</Notice>}

      <fieldset className="card">
        <legend>Weekly hours</legend>
        {hours.length === 0 && <p className="muted">No hours set: any time counts as working time.</p>}
        {hours.map((h, i) => {
          const base = `hours-${i}`
          const path = `availability.weeklyHours.${i}`
          return (
            <div className="hours-row" key={i} role="group" aria-label={`Hours block ${i + 1}`}>
              <div className="field">
                <label htmlFor={`${base}-day`}>Day (block {i + 1})</label>
                <select id={`${base}-day`} value={h.day} onChange={(e) => setHour(i, { day: e.target.value })} {...fieldProps(`${base}-day`, errors[`${path}.day`])}>
                  {DAYS.map((d, n) => (
                    <option key={d} value={String(n)}>
                      {d}
                    </option>
                  ))}
                </select>
                <FieldError id={`${base}-day`} message={errors[`${path}.day`]} />
              </div>
              {(['start', 'end'] as const).map((part) => (
                <div className="field" key={part}>
                  <label htmlFor={`${base}-${part}`}>
                    {part === 'start' ? 'From' : 'To'} (block {i + 1})
                  </label>
                  <input id={`${base}-${part}`} type="time" value={h[part]} onChange={(e) => setHour(i, { [part]: e.target.value })} {...fieldProps(`${base}-${part}`, errors[`${path}.${part}`])} />
                  <FieldError id={`${base}-${part}`} message={errors[`${path}.${part}`]} />
                </div>
              ))}
              <button type="button" className="link-button" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
                Remove block {i + 1}
              </button>
            </div>
          )
        })}
        <p className="actions">
          <button type="button" onClick={() => setHours([...hours, { day: '1', start: '09:00', end: '17:00' }])}>
            Add hours
          </button>
          {hours.length === 0 && (
            <button type="button" onClick={() => setHours(WEEKDAYS_9_TO_5)}>
              Use Monday–Friday, 9:00–17:00
            </button>
          )}
        </p>
      </fieldset>

      <fieldset className="card">
        <legend>Days off</legend>
        {blackouts.map((date, i) => {
          const id = `blackout-${i}`
          const error = errors[`availability.blackoutDates.${i}.date`]
          return (
            <div className="field inline" key={i}>
              <label htmlFor={id}>Day off {i + 1}</label>
              <input id={id} type="date" value={date} onChange={(e) => setBlackouts(blackouts.map((d, j) => (j === i ? e.target.value : d)))} {...fieldProps(id, error)} />
              <button type="button" className="link-button" onClick={() => setBlackouts(blackouts.filter((_, j) => j !== i))}>
                Remove day off {i + 1}
              </button>
              <FieldError id={id} message={error} />
            </div>
          )
        })}
        <button type="button" onClick={() => setBlackouts([...blackouts, ''])}>
          Add a day off
        </button>
      </fieldset>

      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save working hours'}
      </button>
    </form>
  )
}
