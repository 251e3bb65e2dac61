import { at, body, money, visitTime } from './format'
import type { Template } from './types'

export const quoteFollowUp: Template = {
  kind: 'quote_follow_up',
  describe: 'The customer, when a quote has waited QUOTE_FOLLOW_UP_MINUTES without an answer.',
  email: (c) => ({
    subject: `A quote is waiting for you: ${c.job.title}`,
    text: body(
      c,
      c.quote
        ? `${c.quote.providerName} quoted ${money(c.quote.amount, c.quote.currency)} for "${c.job.title}" on ${at(c, c.quote.createdAt)} and is waiting for your answer.`
        : `A provider is waiting for your answer on "${c.job.title}".`,
      'Accept it to book the work, or decline it so they can move on.',
    ),
  }),
  sms: (c) =>
    `Jobline: ${c.quote ? `${c.quote.providerName}'s quote (${money(c.quote.amount, c.quote.currency)})` : 'a quote'} for "${c.job.title}" awaits your answer.`,
}

export const completionNudge: Template = {
  kind: 'completion_nudge',
  describe: 'The provider, COMPLETION_NUDGE_MINUTES after a visit ended without being marked complete.',
  email: (c) => ({
    subject: `Did the visit happen? ${c.job.title}`,
    text: body(
      c,
      `The visit for "${c.job.title}" was booked for ${visitTime(c)}.`,
      'If the work is done, mark it complete in Jobline so the customer can verify it and you get paid. If it did not happen, propose a new time.',
    ),
  }),
  sms: (c) => `Jobline: is "${c.job.title}" done? Mark it complete so the customer can verify it.`,
}

export const verificationNudge: Template = {
  kind: 'verification_nudge',
  describe: 'The customer, VERIFICATION_NUDGE_MINUTES after the provider marked the job complete.',
  email: (c) => ({
    subject: `Please check the work: ${c.job.title}`,
    text: body(
      c,
      `${c.providerName ?? 'Your provider'} marked "${c.job.title}" complete${c.completedAt ? ` on ${at(c, c.completedAt)}` : ''}.`,
      'Please verify the work in Jobline, or tell us what is wrong.',
    ),
  }),
  sms: (c) => `Jobline: "${c.job.title}" is marked complete. Please verify it or tell us what is wrong.`,
}
