'use client'

import React, { useState } from 'react'

import type { Assignment } from '@/payload-types'
import { post, type ApiError } from '../api'
import { FieldError, fieldProps, Notice } from '../forms'
import { actionMessage } from './actions'

/** The customer's answer to "the work is done": Verify, or Report a problem with a reason. */
export function VerifyPanel({ assignment, reload }: { assignment: Assignment; reload: () => Promise<void> }) {
  const [reporting, setReporting] = useState(false)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  if (assignment.status !== 'completed') return null

  const act = async (path: 'verify' | 'dispute', body: Record<string, unknown>, what: string) => {
    setBusy(true)
    setErrors({})
    try {
      await post(`/assignments/${assignment.id}/${path}`, { ...body, version: assignment.version })
      await reload()
    } catch (error) {
      const e = error as ApiError
      if (e.status === 409) await reload()
      setErrors(e.fieldErrors?.reason ? { reason: e.fieldErrors.reason } : { form: actionMessage(e, what) })
    } finally {
      setBusy(false)
    }
  }

  const dispute = (event: React.FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setErrors({ reason: 'Say what is wrong, so the provider and Ops can put it right.' })
    void act('dispute', { reason: reason.trim() }, 'Reporting a problem')
  }

  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Is the work done?</h2>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {!reporting ? (
        <p className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => act('verify', {}, 'Verifying')}>
            Verify: the work is done
          </button>
          <button type="button" disabled={busy} onClick={() => setReporting(true)}>
            Report a problem
          </button>
        </p>
      ) : (
        <form onSubmit={dispute} noValidate>
          <div className="field">
            <label htmlFor="dispute-reason">What is wrong?</label>
            <textarea id="dispute-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} {...fieldProps('dispute-reason', errors.reason)} />
            <FieldError id="dispute-reason" message={errors.reason} />
          </div>
          <p className="actions">
            <button type="submit" className="danger" disabled={busy}>
              Send problem report
            </button>
            <button type="button" className="link-button" onClick={() => setReporting(false)}>
              Back
            </button>
          </p>
        </form>
      )}
    </section>
  )
}
