import { at, body, calendarLinks, otherParty, visitTime, where } from './format'
import type { Template } from './types'

export const visitReminder: Template = {
  kind: 'visit_reminder',
  describe: 'Customer and provider, REMINDER_LEAD_MINUTES before a booked visit.',
  email: (c) => ({
    subject: `Reminder: ${c.job.title}, ${visitTime(c)}`,
    text: body(
      c,
      `This is a reminder of your visit for "${c.job.title}":\n\nWhen: ${visitTime(c)}`,
      where(c),
      `With: ${otherParty(c)}`,
      c.oneTap
        ? `I'll be there (one tap, no sign-in): ${c.oneTap.attend}\n\nI need another time: ${c.oneTap.anotherTime}`
        : 'If the time no longer works, propose a new one in Jobline as early as you can.',
    ),
  }),
  sms: (c) => `Jobline reminder: "${c.job.title}" ${visitTime(c)}. With ${otherParty(c)}.`,
}

export const scheduleProposed: Template = {
  kind: 'schedule_proposed',
  describe: 'The other side, when visit windows are proposed.',
  email: (c) => ({
    subject: `New visit times proposed: ${c.job.title}`,
    text: body(
      c,
      `${otherParty(c)} proposed ${c.windows?.length === 1 ? 'a time' : 'times'} for "${c.job.title}":`,
      (c.windows ?? []).map((w, i) => `  ${i + 1}. ${visitTime(c, w)}`).join('\n') || '  (see Jobline)',
      c.note && `Note: ${c.note}`,
      'Confirm one in Jobline, or propose others.',
    ),
  }),
  sms: (c) => `Jobline: new visit times proposed for "${c.job.title}". Confirm one in the app.`,
}

export const scheduleConfirmed: Template = {
  kind: 'schedule_confirmed',
  describe: 'Customer and provider, when a visit is booked.',
  email: (c) => ({
    subject: `Visit confirmed: ${c.job.title}, ${visitTime(c)}`,
    text: body(c, `The visit for "${c.job.title}" is booked.\n\nWhen: ${visitTime(c)}`, where(c), `With: ${otherParty(c)}`, calendarLinks(c)),
  }),
  sms: (c) => `Jobline: visit for "${c.job.title}" booked for ${visitTime(c)}.`,
}

export const scheduleChanged: Template = {
  kind: 'schedule_changed',
  describe: 'Customer and provider, when a booked visit moves.',
  email: (c) => ({
    subject: `Visit moved: ${c.job.title}, ${visitTime(c)}`,
    text: body(
      c,
      `The visit for "${c.job.title}" has moved.\n\nNew time: ${visitTime(c)}${c.previousVisit ? `\nWas: ${visitTime(c, c.previousVisit)}` : ''}`,
      where(c),
      calendarLinks(c),
    ),
  }),
  sms: (c) => `Jobline: visit for "${c.job.title}" moved to ${visitTime(c)}.`,
}

export const visitCancelled: Template = {
  kind: 'visit_cancelled',
  describe: 'Customer and provider, when a job or its assignment is cancelled (with a calendar cancellation when a visit was booked).',
  email: (c) => ({
    subject: c.visit ? `Visit cancelled: ${c.job.title}` : `Cancelled: ${c.job.title}`,
    text: body(
      c,
      c.visit ? `The visit for "${c.job.title}" on ${visitTime(c)} is cancelled.` : `"${c.job.title}" is cancelled.`,
      c.note && `Reason: ${c.note}`,
    ),
  }),
  sms: (c) => (c.visit ? `Jobline: the visit for "${c.job.title}" on ${at(c, c.visit.start)} is cancelled.` : `Jobline: "${c.job.title}" is cancelled.`),
}

export const providerOnTheWay: Template = {
  kind: 'provider_on_the_way',
  describe: 'The customer, at once (quiet hours never hold it), when the provider taps "On my way" on the visit\'s day.',
  email: (c) => ({
    subject: `${otherParty(c)} is on the way: ${c.job.title}`,
    text: body(
      c,
      `${otherParty(c)} is on the way to "${c.job.title}"${c.eta ? `, arriving in about ${c.eta.minutes} minutes (around ${at(c, c.eta.at)})` : ''}.`,
      `Visit: ${visitTime(c)}`,
      where(c),
    ),
  }),
  sms: (c) => `Jobline: ${otherParty(c)} is on the way${c.eta ? `, ETA ${c.eta.minutes} min` : ''} for "${c.job.title}".`.slice(0, 160),
}

export const providerArrived: Template = {
  kind: 'provider_arrived',
  describe: 'The customer, at once (quiet hours never hold it), when the provider taps "Arrived".',
  email: (c) => ({
    subject: `${otherParty(c)} has arrived: ${c.job.title}`,
    text: body(c, `${otherParty(c)} has arrived for "${c.job.title}".`, where(c)),
  }),
  sms: (c) => `Jobline: ${otherParty(c)} has arrived for "${c.job.title}".`.slice(0, 160),
}

export const attendanceConfirmed: Template = {
  kind: 'attendance_confirmed',
  describe: "The other side, when the customer or the provider confirms they will be there (\"I'll be there\").",
  email: (c) => ({
    subject: `${otherParty(c)} will be there: ${c.job.title}, ${visitTime(c)}`,
    text: body(c, `${otherParty(c)} confirmed they will be there for "${c.job.title}".\n\nWhen: ${visitTime(c)}`, where(c)),
  }),
  sms: (c) => `Jobline: ${otherParty(c)} will be there for "${c.job.title}" ${visitTime(c)}.`.slice(0, 160),
}
