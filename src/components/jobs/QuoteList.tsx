'use client'

import { useState } from 'react'

import type { Job, Quote } from '@/payload-types'
import { post, type ApiError } from '../api'
import { Notice } from '../forms'
import { money, StatusBadge } from '../format'

const providerName = (q: Quote) => (typeof q.provider === 'object' ? q.provider.name : `Provider #${q.provider}`)

/** Quotes on the job; while it is open the customer accepts one (`POST /api/quotes/:id/accept` with its version). */
export function QuoteList({ job, quotes, reload }: { job: Job; quotes: Quote[]; reload: () => Promise<void> }) {
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (quotes.length === 0) return null

  const accept = async (quote: Quote) => {
    setBusy(true)
    setNotice(null)
    try {
      // the quote as the customer saw it: one its provider changed since is a 409, and the page reloads it
      await post(`/quotes/${quote.id}/accept`, { version: quote.version })
      await reload()
    } catch (error) {
      const e = error as ApiError
      if (e.status === 409) await reload()
      setNotice(e.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="quotes-title">
      <h2 id="quotes-title">Quotes</h2>
      {notice && <Notice kind="error">{notice}</Notice>}
      <ul className="quotes">
        {quotes.map((q) => (
          <li key={q.id} data-testid="quote">
            <span className="amount">{money(q.amount, q.currency)}</span>
            <span>{providerName(q)}</span>
            <StatusBadge status={q.status} />
            {q.message && <span className="note">“{q.message}”</span>}
            {job.status === 'open' && q.status === 'pending' && (
              <button type="button" className="primary" disabled={busy} aria-label={`Accept the ${money(q.amount, q.currency)} quote`} onClick={() => accept(q)}>
                Accept
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
