'use client'

import type { Job, Quote } from '@/payload-types'
import { post } from '../api'
import { money, StatusBadge } from '../format'
import { ConfirmAction } from '../fulfillment/ConfirmAction'

const providerName = (q: Quote) => (typeof q.provider === 'object' ? q.provider.name : `Provider #${q.provider}`)

/** What accepting does to the job's other pending quotes, or, with none, what comes next. */
const othersText = (others: number, name: string) =>
  others === 0
    ? `${name} is told and proposes visit times.`
    : others === 1
      ? 'Your other quote is declined, and its provider is told.'
      : `Your other ${others} quotes are declined, and their providers are told.`

/**
 * Quotes on the job. While it is open the customer answers each pending one: Accept says first what it commits to (the
 * amount, the card hold, the other quotes declined) and only the second tap sends `POST /api/quotes/:id/accept` with
 * the version she read; Decline tells the provider, with an optional reason. A quote changed meanwhile is a 409 and
 * the page reloads it.
 */
export function QuoteList({ job, quotes, reload }: { job: Job; quotes: Quote[]; reload: () => Promise<void> }) {
  if (quotes.length === 0) return null
  const answering = job.status === 'open'
  const pending = quotes.filter((q) => q.status === 'pending')
  return (
    <section className="card" aria-labelledby="quotes-title">
      <h2 id="quotes-title">Quotes</h2>
      {answering && pending.length > 0 && (
        <p className="muted">Accept the quote you want: the provider then proposes visit times. Accepting one declines the others.</p>
      )}
      <ul className="quotes">
        {quotes.map((q) => {
          const amount = money(q.amount, q.currency)
          const name = providerName(q)
          const act = (path: 'accept' | 'decline') => async (body: Record<string, unknown>) => {
            await post(`/quotes/${q.id}/${path}`, { ...body, version: q.version })
            await reload()
          }
          return (
            <li key={q.id} data-testid="quote">
              <span className="amount">{amount}</span>
              <span>{name}</span>
              <StatusBadge status={q.status} />
              {q.message && <span className="note">“{q.message}”</span>}
              {answering && q.status === 'pending' && (
                <div className="quote-actions">
                  <ConfirmAction
                    id={`accept-${q.id}`}
                    opener={`Accept ${amount}`}
                    openerLabel={`Accept ${amount} from ${name}`}
                    openerClass="primary"
                    tone="primary"
                    consequence={
                      <>
                        <p>
                          <strong>
                            Accept {name}&apos;s quote of {amount}?
                          </strong>
                        </p>
                        <ul>
                          <li>If you saved a card with us, {amount} is held on it now. You are charged only after you check the work and verify it.</li>
                          <li>{othersText(pending.length - 1, name)}</li>
                        </ul>
                      </>
                    }
                    confirm={`Yes, accept ${amount}`}
                    keep="Not yet"
                    what="Accepting the quote"
                    run={act('accept')}
                    onConflict={reload}
                  />
                  <ConfirmAction
                    id={`decline-${q.id}`}
                    opener="Decline…"
                    openerLabel={`Decline… the ${amount} quote from ${name}`}
                    tone="danger"
                    consequence={<p>{name} is told you declined. You can still accept another quote, and they may send a new one while your job is open.</p>}
                    reason={{ label: `Reason for ${name} (optional)`, key: 'reason' }}
                    confirm="Decline the quote"
                    keep="Keep it"
                    what="Declining the quote"
                    run={act('decline')}
                    onConflict={reload}
                  />
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
