'use client'

import React, { useState } from 'react'

import { mayComplete } from '@/domain/completion'
import { formatInZone } from '@/domain/zonedTime'
import type { Assignment } from '@/payload-types'
import { post, type ApiError } from '../api'
import { FieldError, fieldProps, Notice } from '../forms'
import { actionMessage } from '../fulfillment/actions'

/** The provider marks a booked visit done, with what they did (`POST /api/assignments/:id/complete`). */
export function CompleteForm({ assignment, reload }: { assignment: Assignment; reload: () => Promise<void> }) {
  const [items, setItems] = useState<string[]>([''])
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  if (assignment.status !== 'scheduled') return null
  // the same rule as the API: a visit is marked complete once it has started, never before
  const opensAt = mayComplete(assignment.scheduledStart ? new Date(assignment.scheduledStart) : null, new Date())
  if (!opensAt.ok) {
    return (
      <section className="card" aria-labelledby="complete-title">
        <h2 id="complete-title">Mark the job complete</h2>
        <p className="muted" data-testid="complete-opens">
          You can mark it complete once the visit has started
          {opensAt.opensAt ? `: from ${formatInZone(opensAt.opensAt, assignment.timeZone ?? 'UTC')}` : ''}.
        </p>
      </section>
    )
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const filled = items.map((i) => i.trim()).filter(Boolean)
    if (filled.length === 0) return setErrors({ 'checklist.items.0': 'List at least one thing you did.' })
    setBusy(true)
    setErrors({})
    try {
      await post(`/assignments/${assignment.id}/complete`, {
        checklist: { items: filled, ...(note.trim() ? { note: note.trim() } : {}) },
        version: assignment.version,
      })
      await reload()
    } catch (error) {
      const e = error as ApiError
      if (e.status === 409) await reload()
      const fieldErrors = Object.fromEntries(Object.entries(e.fieldErrors ?? {}).map(([k, v]) => [k === 'checklist.items' ? 'checklist.items.0' : k, v]))
      setErrors(Object.keys(fieldErrors).length ? fieldErrors : { form: actionMessage(e, 'Marking complete') })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="complete-title">
      <h2 id="complete-title">Mark the job complete</h2>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Checklist: what you did</legend>
          {items.map((item, i) => {
            const id = `checklist-item-${i}`
            const error = errors[`checklist.items.${i}`]
            return (
              <div className="field inline" key={i}>
                <label htmlFor={id}>Item {i + 1}</label>
                <input id={id} type="text" maxLength={200} value={item} onChange={(e) => setItems(items.map((x, j) => (j === i ? e.target.value : x)))} {...fieldProps(id, error)} />
                {items.length > 1 && (
                  <button type="button" className="link-button" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                    Remove item {i + 1}
                  </button>
                )}
                <FieldError id={id} message={error} />
              </div>
            )
          })}
          <button type="button" onClick={() => setItems([...items, ''])}>
            Add item
          </button>
        </fieldset>
        <div className="field">
          <label htmlFor="checklist-note">Note for the customer (optional)</label>
          <textarea id="checklist-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} {...fieldProps('checklist-note', errors['checklist.note'])} />
          <FieldError id="checklist-note" message={errors['checklist.note']} />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Mark complete
        </button>
      </form>
    </section>
  )
}
