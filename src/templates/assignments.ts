import { at, body, money } from './format'
import type { Template } from './types'

export const quoteAccepted: Template = {
  kind: 'quote_accepted',
  describe: 'The provider, when the customer accepts their quote.',
  email: (c) => ({
    subject: `Your quote for "${c.job.title}" was accepted`,
    text: body(
      c,
      `Good news: ${c.customerName ?? 'the customer'} accepted your quote${c.quote ? ` of ${money(c.quote.amount, c.quote.currency)}` : ''} for "${c.job.title}".`,
      'Propose visit windows in Jobline to schedule the visit.',
    ),
  }),
  sms: (c) => `Jobline: your quote for "${c.job.title}" was accepted. Propose visit times in the app.`,
}

export const assignmentRejected: Template = {
  kind: 'assignment_rejected',
  describe: 'The customer, when the provider turns the job down after acceptance.',
  email: (c) => ({
    subject: `${c.providerName ?? 'Your provider'} cannot do "${c.job.title}"`,
    text: body(
      c,
      `${c.providerName ?? 'The provider'} turned down "${c.job.title}".`,
      c.note && `Their reason: ${c.note}`,
      'Your job is open again for other providers to quote.',
    ),
  }),
  sms: (c) => `Jobline: ${c.providerName ?? 'the provider'} cannot do "${c.job.title}". Your job is open for new quotes.`,
}

export const payoutReviewed: Template = {
  kind: 'payout_reviewed',
  describe: 'The provider, when Ops approves or rejects their payout.',
  email: (c) => ({
    subject: `${c.payout ? `Payout ${c.payout.reference}` : 'Your payout'} was ${c.payout?.status ?? 'reviewed'}`,
    text: body(
      c,
      `Ops ${c.payout?.status ?? 'reviewed'} the payout${c.payout ? ` ${c.payout.reference} of ${money(c.payout.amount, c.payout.currency)}` : ''} for "${c.job.title}".`,
      c.note && `Note: ${c.note}`,
    ),
  }),
  sms: (c) => `Jobline: ${c.payout ? `payout ${c.payout.reference}` : 'your payout'} was ${c.payout?.status ?? 'reviewed'}.`,
}

export const authorizationExpiring: Template = {
  kind: 'authorization_expiring',
  describe: 'Ops, before the card hold on an unfinished job lapses.',
  email: (c) => ({
    subject: `Card hold expiring: assignment ${c.assignmentId} (${c.job.title})`,
    text: body(
      c,
      `The card authorisation for "${c.job.title}" expires${c.expiresAt ? ` on ${at(c, c.expiresAt)}` : ' soon'} and the job is not verified yet.`,
      'Re-authorise or capture before then, or the payment must be collected another way.',
    ),
  }),
  sms: (c) => `Jobline Ops: card hold for assignment ${c.assignmentId} expires${c.expiresAt ? ` ${at(c, c.expiresAt)}` : ' soon'}.`,
}
