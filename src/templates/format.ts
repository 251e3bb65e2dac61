import { googleCalendarUrl } from '../domain/calendar'
import { formatMoney } from '../domain/money'
import { formatInZone, formatWindowInZone } from '../domain/zonedTime'
import type { TemplateContext } from './types'

/** A visit's time as the people at the job read it: "Tue, Mar 10, 2026, 9:00 – 11:00 AM EDT". */
export const visitTime = (c: TemplateContext, visit = c.visit): string => {
  if (!visit) return 'a time to be agreed'
  return visit.end ? formatWindowInZone({ start: visit.start, end: visit.end }, c.timeZone) : formatInZone(visit.start, c.timeZone)
}

/** An instant in the job's time zone: "Tue, Mar 10, 2026, 9:00 AM EDT". */
export const at = (c: TemplateContext, instant: Date): string => formatInZone(instant, c.timeZone)

export const money = (amount: number, currency: string): string => formatMoney({ amount, currency })

/** Where the recipient acts on the message: the Ops console for Ops, the app for customers and providers. */
export const link = (c: TemplateContext): string =>
  c.recipient.role === 'ops' && c.assignmentId
    ? `${c.appUrl}/admin/collections/assignments/${c.assignmentId}`
    : c.appUrl

export const hello = (c: TemplateContext): string => `Hi ${c.recipient.name},`

export const signOff = (c: TemplateContext): string => `Open Jobline: ${link(c)}\n\n— Jobline`

/** Email body from paragraphs, with the greeting and sign-off every message has. */
export const body = (c: TemplateContext, ...paragraphs: (string | false | undefined)[]): string =>
  [hello(c), ...paragraphs.filter((p): p is string => Boolean(p)), signOff(c)].join('\n\n')

export const where = (c: TemplateContext): string | false => Boolean(c.job.address) && `Where: ${c.job.address}`

/** The other party, named for the recipient: the provider for the customer and the customer for the provider. */
export const otherParty = (c: TemplateContext): string =>
  (c.recipient.role === 'customer' ? c.providerName : c.customerName) ?? 'the other side'

/** "Add to Google Calendar" for a booked visit (the attached invite.ics serves Outlook, Apple Calendar and others). */
export const calendarLinks = (c: TemplateContext): string | false =>
  Boolean(c.visit?.end) &&
  [
    `Add to Google Calendar: ${googleCalendarUrl({
      title: `Jobline visit: ${c.job.title}`,
      start: c.visit!.start,
      end: c.visit!.end!,
      details: `${c.job.title}\nWhen: ${visitTime(c)}`,
      location: c.job.address,
    })}`,
    'The attached invite (invite.ics) adds it to Outlook, Apple Calendar and others.',
  ].join('\n')
