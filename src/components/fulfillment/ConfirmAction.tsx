'use client'

import React, { useState } from 'react'

import type { ApiError } from '../api'
import { FieldError, fieldProps, Notice } from '../forms'
import { actionMessage } from './actions'

export type ConfirmActionProps = {
  /** Prefix of the element ids (`<id>-reason`), unique on the page. */
  id: string
  /** The button that opens the step ("Decline…", "Cancel this job…"), and its fuller name where several share a text. */
  opener: string
  openerLabel?: string
  /** What will happen, in the reader's words, shown before they confirm. */
  consequence: React.ReactNode
  /** The reason box, when the action takes one: its label, the body key it is sent as, and whether it is required. */
  reason?: { label: string; key: string; required?: string; hint?: string; max?: number }
  /** The confirming button ("Decline the quote"), and the one that backs out ("Keep it"). */
  confirm: string
  keep: string
  /** `danger` for what cannot be undone; `primary` for a commitment (accepting money). */
  tone: 'danger' | 'primary'
  /** What the action is called in an error ("Declining the quote"). */
  what: string
  /** Runs the action with the reason (if any) in the body; the caller reloads the page after it. */
  run: (body: Record<string, unknown>) => Promise<void>
  /** A 409 means the record changed meanwhile: the caller reloads so the page shows it. */
  onConflict: () => Promise<void>
  /** The opener's own class: plain by default, `primary` where it is the page's next step. */
  openerClass?: string
}

/**
 * An action a person should think about before taking (decline, cancel, give back, accept money): the first tap only
 * says what will happen and, where it takes one, asks the reason; the second tap does it. Every such step on the site
 * looks and behaves the same way.
 */
export function ConfirmAction(props: ConfirmActionProps) {
  const { id, reason } = props
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (reason?.required && !text.trim()) return setErrors({ reason: reason.required })
    setBusy(true)
    setErrors({})
    try {
      await props.run(reason && text.trim() ? { [reason.key]: text.trim() } : {})
      setOpen(false)
    } catch (error) {
      const e = error as ApiError
      if (e.status === 409) await props.onConflict()
      const fieldError = reason ? e.fieldErrors?.[reason.key] : undefined
      setErrors(fieldError ? { reason: fieldError } : { form: actionMessage(e, props.what) })
    } finally {
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <>
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <button type="button" className={props.openerClass} aria-label={props.openerLabel} onClick={() => setOpen(true)}>
          {props.opener}
        </button>
      </>
    )
  }
  const reasonId = `${id}-reason`
  const hintId = reason?.hint ? `${reasonId}-hint` : undefined
  return (
    <form className="confirm-step" onSubmit={submit} noValidate data-testid={`${id}-confirm`}>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <div className="consequence">{props.consequence}</div>
      {reason && (
        <div className="field">
          <label htmlFor={reasonId}>{reason.label}</label>
          {hintId && (
            <p id={hintId} className="hint">
              {reason.hint}
            </p>
          )}
          <textarea id={reasonId} value={text} maxLength={reason.max ?? 1000} onChange={(e) => setText(e.target.value)} {...fieldProps(reasonId, errors.reason, hintId)} />
          <FieldError id={reasonId} message={errors.reason} />
        </div>
      )}
      <p className="actions">
        <button type="submit" className={props.tone} disabled={busy}>
          {props.confirm}
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          {props.keep}
        </button>
      </p>
    </form>
  )
}
