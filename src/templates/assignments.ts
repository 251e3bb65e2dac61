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
  describe: 'The customer, the provider and Ops, when the provider gives the job back after acceptance.',
  email: (c) =>
    c.recipient.role === 'provider'
      ? {
          subject: `You gave back "${c.job.title}"`,
          text: body(c, `You gave back "${c.job.title}"; it is no longer on your list.`, c.note && `Your reason: ${c.note}`),
        }
      : {
          subject: `${c.providerName ?? 'Your provider'} cannot do "${c.job.title}"`,
          text: body(
            c,
            `${c.providerName ?? 'The provider'} turned down "${c.job.title}".`,
            c.note && `Their reason: ${c.note}`,
            c.recipient.role === 'ops' ? 'The job is open again for other providers to quote.' : 'Your job is open again for other providers to quote.',
          ),
        },
  sms: (c) =>
    c.recipient.role === 'provider'
      ? `Jobline: you gave back "${c.job.title}".`
      : `Jobline: ${c.providerName ?? 'the provider'} cannot do "${c.job.title}". The job is open for new quotes.`,
}

export const assignmentRequeued: Template = {
  kind: 'assignment_requeued',
  describe: 'The customer and the provider, when Ops take the job away from the provider and reopen it for quotes.',
  email: (c) =>
    c.recipient.role === 'provider'
      ? {
          subject: `"${c.job.title}" was taken off your list`,
          text: body(c, `Ops took you off "${c.job.title}"; it is no longer yours to do.`, c.note && `Why: ${c.note}`),
        }
      : {
          subject: `"${c.job.title}" is open for new quotes`,
          text: body(
            c,
            `Ops took "${c.job.title}" away from ${c.providerName ?? 'its provider'}. Your job is open again for other providers to quote.`,
            c.note && `Why: ${c.note}`,
          ),
        },
  sms: (c) =>
    c.recipient.role === 'provider'
      ? `Jobline: Ops took you off "${c.job.title}".`
      : `Jobline: "${c.job.title}" is open for new quotes again.`,
}

export const disputeResolved: Template = {
  kind: 'dispute_resolved',
  describe: 'The customer and the provider, when Ops resolve a dispute (as verified or as cancelled).',
  email: (c) => ({
    subject: `Dispute resolved: ${c.job.title}`,
    text: body(
      c,
      c.outcome === 'cancelled'
        ? `Ops resolved the dispute on "${c.job.title}" by cancelling the job: no payment is taken, and any hold on the card is released.`
        : `Ops resolved the dispute on "${c.job.title}": the work counts as done and the provider is paid.`,
      c.note && `Ops's note: ${c.note}`,
    ),
  }),
  sms: (c) =>
    `Jobline: the dispute on "${c.job.title}" is resolved${c.outcome === 'cancelled' ? ': the job is cancelled, no payment taken' : ': the work counts as done'}.`,
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
