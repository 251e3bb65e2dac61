import { optionalText } from './input'
import type { ActionSpec } from './pipeline'

/** The job's customer (or Ops) turns a pending quote down; the provider may quote again while the job is open. */
export const declineQuote: ActionSpec<'quotes', { reason: string | null }> = {
  doc: { summary: 'The customer or Ops declines a pending quote.', body: { reason: { type: 'string', description: 'Why (at most 1000 characters).' } } },
  machine: 'quote',
  collection: 'quotes',
  action: 'decline',
  event: 'quote.declined',
  input: (body) => ({ reason: optionalText(body, 'reason', 'The reason', 1000) }),
  parents: (q) => ({ jobs: q.job }),
  write: ({ input, facts }) => {
    facts.reason = input.reason
    return {}
  },
}

/** The provider (or Ops) takes a pending quote back. */
export const withdrawQuote: ActionSpec<'quotes', { reason: string | null }> = {
  ...declineQuote,
  doc: { summary: 'The provider or Ops withdraws a pending quote.', body: declineQuote.doc.body },
  action: 'withdraw',
  event: 'quote.withdrawn',
}
