'use client'

import React, { useEffect, useRef, useState } from 'react'

import { ApiError, post } from '../../api'
import { useRefresh } from '../useRefresh'
import type { OpsButton } from '@/services/console/opsActions'

type Outcome = { kind: 'done' | 'stale'; text: string }

/**
 * The workbench's buttons: one per action the lifecycle table lets Ops take from the record's state. A button opens a
 * confirmation saying what happens, with the note the action takes (required where money moves); confirming posts
 * to the same endpoint a client would, with the version the page was rendered with. A 409 (someone changed the record,
 * or it is no longer in that state) reloads the page's data and says so; a 400 shows beside the field it names. While
 * the page's data reloads the buttons wait, so nothing is typed into a form that the new data then replaces.
 */
export function OpsActions({
  buttons,
  heading = 'Actions',
  emptyText,
  onDone,
}: {
  buttons: OpsButton[]
  heading?: string
  emptyText?: string
  /** Told what was done, after an action succeeded (a queue drops the row). */
  onDone?: (text: string) => void
}) {
  const [open, setOpen] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const { refreshing, refresh } = useRefresh()
  const current = buttons.find((b) => b.key === open && open !== null)
  // the server renders the buttons before React takes them over: `data-ready` says they answer a click now
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])

  return (
    <div className="jl-ops-actions" data-testid="ops-actions" data-ready={ready ? 'true' : undefined}>
      {heading && <h3 className="jl-ops-actions-heading">{heading}</h3>}
      {buttons.length === 0 ? (
        <p className="jl-muted">{emptyText ?? 'Nothing for Ops to do from this state.'}</p>
      ) : (
        <div className="jl-ops-buttons">
          {buttons.map((b) => (
            <button
              key={b.key}
              type="button"
              className={`jl-ops-button${b.moneyMoves ? ' jl-money' : ''}`}
              aria-expanded={open === b.key}
              aria-controls={open === b.key ? confirmId(b) : undefined}
              aria-label={`${b.label}: ${b.subject}`}
              disabled={refreshing}
              onClick={() => {
                setOutcome(null)
                setOpen(open === b.key ? null : b.key)
              }}
            >
              {b.label}
            </button>
          ))}
        </div>
      )}
      {current && (
        <Confirm
          key={`${current.key}:${current.version}`}
          button={current}
          refresh={refresh}
          onDone={(o) => {
            setOutcome(o)
            setOpen(null)
            if (o.kind === 'done') onDone?.(o.text)
          }}
          onBack={() => setOpen(null)}
        />
      )}
      <div role="status" aria-live="polite">
        {outcome && (
          <p className={outcome.kind === 'done' ? 'jl-notice' : 'jl-warning'}>
            {outcome.text}
            {refreshing ? ' Reloading…' : ''}
          </p>
        )}
      </div>
    </div>
  )
}

const confirmId = (b: OpsButton) => `confirm-${b.key.replace(/\W+/g, '-')}`

function Confirm({
  button: b,
  refresh,
  onDone,
  onBack,
}: {
  button: OpsButton
  refresh: () => void
  onDone: (o: Outcome) => void
  onBack: () => void
}) {
  const [values, setValues] = useState<Record<string, string | boolean>>(() => Object.fromEntries(b.fields.map((f) => [f.name, f.initial])))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // a second click (or a double click) while the first request is out sends nothing
  const inFlight = useRef(false)
  const id = confirmId(b)

  const run = async () => {
    if (inFlight.current) return
    const missing = Object.fromEntries(
      b.fields
        .filter((f) => f.required && f.kind === 'text' && !String(values[f.name] ?? '').trim())
        .map((f) => [f.name, `${titleOf(f.name)} is required${b.moneyMoves ? ': money moves, so say why' : ''}.`]),
    )
    setErrors(missing)
    if (Object.keys(missing).length) return
    inFlight.current = true
    setBusy(true)
    setFailure(null)
    const body: Record<string, unknown> = { ...b.fixed, version: b.version }
    for (const f of b.fields) {
      const v = values[f.name]
      if (f.kind === 'checkbox') body[f.name] = v === true
      else if (String(v ?? '').trim()) body[f.name] = String(v).trim()
    }
    try {
      await post(b.path, body)
      onDone({ kind: 'done', text: `${b.label}: done for ${b.subject}.` })
      refresh()
    } catch (e) {
      const error = e as ApiError
      if (error?.status === 409) {
        onDone({ kind: 'stale', text: `${error.message} The page now shows the current state: check it and try again.` })
        refresh()
      } else if (error?.status === 400 && Object.keys(error.fieldErrors ?? {}).length) {
        setErrors(error.fieldErrors)
      } else {
        setFailure(error?.message ?? String(e))
      }
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <section id={id} className="jl-confirm" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {b.label}: {b.subject}
      </h4>
      <p>{b.confirm}</p>
      {b.fields.map((f) => {
        const fieldId = `${id}-${f.name}`
        const error = errors[f.name]
        return f.kind === 'checkbox' ? (
          <label key={f.name} className="jl-check" htmlFor={fieldId}>
            <input id={fieldId} type="checkbox" checked={values[f.name] === true} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })} />{' '}
            {f.description}
          </label>
        ) : (
          <div key={f.name} className="jl-field">
            <label htmlFor={fieldId}>
              {titleOf(f.name)}
              {f.required ? ' (required)' : ' (optional)'}
            </label>
            <textarea
              id={fieldId}
              rows={3}
              value={String(values[f.name] ?? '')}
              required={f.required}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
            <p id={`${fieldId}-hint`} className="jl-muted jl-hint">
              {f.description}
            </p>
            {error && (
              <p id={`${fieldId}-error`} className="jl-error" role="alert">
                {error}
              </p>
            )}
          </div>
        )
      })}
      {failure && (
        <p className="jl-error" role="alert">
          {failure}
        </p>
      )}
      <div className="jl-confirm-buttons">
        <button type="button" className={`jl-confirm-go${b.moneyMoves ? ' jl-money' : ''}`} disabled={busy} onClick={run}>
          {busy ? 'Working…' : `Confirm: ${b.label.toLowerCase()}`}
        </button>
        <button type="button" className="jl-confirm-back" disabled={busy} onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  )
}

const titleOf = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/([A-Z])/g, ' $1').toLowerCase()
