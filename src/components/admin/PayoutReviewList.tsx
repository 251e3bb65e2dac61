'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

export type PayoutRow = {
  id: number
  reference: string
  amount: string
  job: string
  assignmentHref: string
  customer: string
  provider: string
  age: string
  waitingSince: string
  manualReason: string
  /** The payout's version as the page read it: a decision acts on what Ops saw. */
  version: number
}

type ErrorBody = { errors?: { message?: string; data?: { errors?: { path?: string; message?: string }[] } }[] }

/** The review table: each row approves or rejects through `POST /api/payouts/:id/approve|reject`. */
export function PayoutReviewList({ rows }: { rows: PayoutRow[] }) {
  const router = useRouter()
  const [done, setDone] = useState<{ id: number; text: string }[]>([])
  const hidden = new Set(done.map((d) => d.id))
  const visible = rows.filter((r) => !hidden.has(r.id))

  const reviewed = (row: PayoutRow, text: string) => {
    setDone((d) => [...d, { id: row.id, text }])
    router.refresh()
  }

  return (
    <>
      <div role="status">
        {done.map((d) => (
          <p key={d.id} className="jl-notice">
            {d.text}
          </p>
        ))}
      </div>
      {visible.length === 0 ? (
        <p>No payouts are waiting for review.</p>
      ) : (
        <table className="jl-table jl-payout-table">
          <thead>
            <tr>
              <th scope="col">Payout</th>
              <th scope="col">Job</th>
              <th scope="col">Customer → provider</th>
              <th scope="col">Amount</th>
              <th scope="col">Waiting</th>
              <th scope="col">Why manual</th>
              <th scope="col">Review</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id} data-testid={`payout-${row.reference}`}>
                <th scope="row">{row.reference}</th>
                <td>
                  <a href={row.assignmentHref}>{row.job}</a>
                </td>
                <td>
                  {row.customer} → {row.provider}
                </td>
                <td className="jl-amount">{row.amount}</td>
                <td>
                  <time dateTime={row.waitingSince} title={row.waitingSince}>
                    {row.age}
                  </time>
                </td>
                <td>{row.manualReason}</td>
                <td>
                  <ReviewForm row={row} onReviewed={reviewed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function ReviewForm({ row, onReviewed }: { row: PayoutRow; onReviewed: (row: PayoutRow, text: string) => void }) {
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ field?: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const noteId = `payout-${row.id}-note`
  const errorId = `${noteId}-error`

  const review = async (action: 'approve' | 'reject') => {
    if (action === 'reject' && !note.trim()) return setError({ field: true, text: 'A note is required to reject: say why.' })
    setBusy(true)
    setError(null)
    try {
      const res = await fetch(`/api/payouts/${row.id}/${action}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: row.version, ...(note.trim() ? { note: note.trim() } : {}) }),
      })
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as ErrorBody
        const first = body.errors?.[0]
        const field = first?.data?.errors?.some((e) => e.path === 'note')
        setError({ field, text: first?.message ?? `The server answered ${res.status}.` })
        return
      }
      onReviewed(row, `${action === 'approve' ? 'Approved' : 'Rejected'} ${row.reference} (${row.amount}, ${row.job}).`)
    } catch (e) {
      setError({ text: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="jl-review">
      <label htmlFor={noteId}>Note for {row.reference}</label>
      <textarea
        id={noteId}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-invalid={error?.field ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder="Required to reject"
      />
      {error && (
        <p id={errorId} className="jl-error" role="alert">
          {error.text}
        </p>
      )}
      <div className="jl-review-buttons">
        <button type="button" className="jl-approve" disabled={busy} onClick={() => review('approve')} aria-label={`Approve ${row.reference}`}>
          Approve
        </button>
        <button type="button" className="jl-reject" disabled={busy} onClick={() => review('reject')} aria-label={`Reject ${row.reference}`}>
          Reject
        </button>
      </div>
    </div>
  )
}
