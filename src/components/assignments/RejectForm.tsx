'use client'

import React, { useState } from 'react'

import type { Assignment } from '@/payload-types'
import { post, type ApiError } from '../api'
import { FieldError, fieldProps, Notice } from '../forms'
import { actionMessage } from '../fulfillment/actions'

/** The provider gives the job back, with a reason (`POST /api/assignments/:id/reject`). */
export function RejectForm({ assignment, reload }: { assignment: Assignment; reload: () => Promise<void> }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  if (assignment.status !== 'pending_schedule' && assignment.status !== 'scheduled') return null

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setErrors({ reason: 'Give the customer a reason.' })
    setBusy(true)
    setErrors({})
    try {
      await post(`/assignments/${assignment.id}/reject`, { reason: reason.trim(), version: assignment.version })
      await reload()
    } catch (error) {
      const e = error as ApiError
      if (e.status === 409) await reload()
      setErrors(e.fieldErrors?.reason ? { reason: e.fieldErrors.reason } : { form: actionMessage(e, 'Giving the job back') })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="reject-title">
      <h2 id="reject-title">Can&apos;t do this job?</h2>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Give the job back…
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">The job opens for quotes again without you, and the customer is told why.</p>
          <div className="field">
            <label htmlFor="reject-reason">Reason</label>
            <textarea id="reject-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} {...fieldProps('reject-reason', errors.reason)} />
            <FieldError id="reject-reason" message={errors.reason} />
          </div>
          <p className="actions">
            <button type="submit" className="danger" disabled={busy}>
              Give the job back
            </button>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>
              Keep the job
            </button>
          </p>
        </form>
      )}
    </section>
  )
}
