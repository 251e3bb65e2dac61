'use client'

import React, { useId, useState } from 'react'

import { ApiError, post, type FieldErrors } from '../api'
import { FieldError, fieldProps } from '../forms'
import { fromLocalInput, toLocalInput, windowText } from '../format'

export const MAX_WINDOWS = 5
const HOUR = 3_600_000

export type ProposalConflicts = {
  windowIndex: number
  local: string
  conflicts: { kind: string; message: string }[]
}[]

type Row = { start: string; end: string }
const emptyRow = (): Row => ({ start: '', end: '' })

/** How a wall-clock value reads in the zone, with a warning when DST makes it skipped or ambiguous. */
function readBack(value: string, timeZone: string): { date: Date | null; warning?: string } {
  const date = fromLocalInput(value, timeZone)
  if (!date) return { date: null }
  const typed = value.slice(0, 16)
  if (toLocalInput(date, timeZone) !== typed)
    return { date, warning: `${typed.slice(11)} does not exist that day (the clocks go forward); it is read as ${toLocalInput(date, timeZone).slice(11)}.` }
  if (toLocalInput(new Date(date.getTime() + HOUR), timeZone) === typed)
    return { date, warning: `${typed.slice(11)} happens twice that day (the clocks go back); the first one is used.` }
  return { date }
}

/**
 * Up to five visit windows picked on the job's wall clock (`datetime-local`, read in the job's zone whatever the
 * browser's zone is) and sent as UTC instants to `POST /api/jobs/:id/schedule`. The API's 400 names the field
 * (`windows[1].start`), and the message appears under that input.
 */
export function ProposeForm({
  jobId,
  version,
  timeZone,
  onProposed,
}: {
  jobId: number
  /** The assignment's version as the page read it: a proposal acts on what the person saw. */
  version: number
  timeZone: string
  onProposed: (conflicts: ProposalConflicts) => void | Promise<void>
}) {
  const uid = useId()
  const [rows, setRows] = useState<Row[]>([emptyRow()])
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const inputId = (i: number, part: 'start' | 'end') => `${uid}-w${i}-${part}`

  const update = (i: number, part: keyof Row, value: string) =>
    setRows((current) =>
      current.map((row, j) => {
        if (j !== i) return row
        const next = { ...row, [part]: value }
        // A start with no end yet: offer two hours, the common visit length; the person can change it.
        if (part === 'start' && !row.end) {
          const start = fromLocalInput(value, timeZone)
          if (start) next.end = toLocalInput(new Date(start.getTime() + 2 * HOUR), timeZone)
        }
        return next
      }),
    )

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const found: FieldErrors = {}
    const windows = rows.map((row, i) => {
      const start = fromLocalInput(row.start, timeZone)
      const end = fromLocalInput(row.end, timeZone)
      if (!start) found[`windows[${i}].start`] = 'Pick a start date and time.'
      if (!end) found[`windows[${i}].end`] = 'Pick an end date and time.'
      return { start: start?.toISOString() ?? '', end: end?.toISOString() ?? '' }
    })
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      const result = await post<{ conflicts: ProposalConflicts }>(`/jobs/${jobId}/schedule`, { windows, version, ...(note.trim() ? { note: note.trim() } : {}) })
      setRows([emptyRow()])
      setNote('')
      await onProposed(result.conflicts)
    } catch (error) {
      const e = error as ApiError
      setErrors(Object.keys(e.fieldErrors).length ? e.fieldErrors : { form: e.message })
    } finally {
      setBusy(false)
    }
  }

  const formError = errors.form ?? errors.windows
  return (
    <form className="propose" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Propose visit times</legend>
        <p className="muted" id={`${uid}-zone`}>
          Pick up to {MAX_WINDOWS} windows. Times are read in the job&apos;s time zone, <strong>{timeZone}</strong>.
        </p>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        {rows.map((row, i) => {
          const start = readBack(row.start, timeZone)
          const end = readBack(row.end, timeZone)
          const hintId = `${uid}-w${i}-hint`
          const rowError = errors[`windows[${i}]`]
          return (
            <div className="window-row" key={i} role="group" aria-labelledby={`${uid}-w${i}-label`}>
              <span className="window-label" id={`${uid}-w${i}-label`}>
                Window {i + 1}
              </span>
              {(['start', 'end'] as const).map((part) => {
                const id = inputId(i, part)
                const error = errors[`windows[${i}].${part}`]
                return (
                  <div className="field" key={part}>
                    <label htmlFor={id}>
                      {part === 'start' ? 'Start' : 'End'} (window {i + 1})
                    </label>
                    <input
                      id={id}
                      type="datetime-local"
                      value={row[part]}
                      onChange={(e) => update(i, part, e.target.value)}
                      {...fieldProps(id, error, rowError ? `${hintId} ${uid}-w${i}-error` : hintId)}
                    />
                    <FieldError id={id} message={error} />
                  </div>
                )
              })}
              {rows.length > 1 && (
                <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  Remove window {i + 1}
                </button>
              )}
              <p className="hint" id={hintId}>
                {start.date && end.date && end.date > start.date ? windowText({ start: start.date.toISOString(), end: end.date.toISOString() }, timeZone) : ''}
                {[start.warning, end.warning].filter(Boolean).map((w) => (
                  <span key={w} className="dst-warning">
                    {' '}
                    {w}
                  </span>
                ))}
              </p>
              {rowError && (
                <p className="field-error" id={`${uid}-w${i}-error`}>
                  {rowError}
                </p>
              )}
            </div>
          )
        })}
        {rows.length < MAX_WINDOWS && (
          <button type="button" onClick={() => setRows([...rows, emptyRow()])}>
            Add another window
          </button>
        )}
        <div className="field">
          <label htmlFor={`${uid}-note`}>Note (optional)</label>
          <textarea id={`${uid}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} {...fieldProps(`${uid}-note`, errors.note)} />
          <FieldError id={`${uid}-note`} message={errors.note} />
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send proposed times'}
      </button>
    </form>
  )
}
