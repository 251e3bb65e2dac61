import { describe, expect, it } from '@jest/globals'

import {
  completionNudgeDue,
  isDue,
  overdueReason,
  planVisitReminders,
  quoteFollowUpDue,
  reminderDedupeKey,
  verificationNudgeDue,
  visitReminderStillTrue,
  withinDailyLimit,
} from '../../src/domain/reminders'

const at = (iso: string) => new Date(iso)
const START = at('2026-03-10T14:00:00.000Z')
const HOUR = 3_600_000

describe('planning visit reminders', () => {
  it('plans one reminder per lead time before the visit', () => {
    const plan = planVisitReminders({
      assignmentId: 'a42',
      scheduledStart: START,
      bookedAt: at('2026-03-01T09:00:00Z'),
      leadsMinutes: [1440, 120],
    })
    expect(plan.map((r) => ({ lead: r.lead, dueAt: r.dueAt.toISOString(), dedupeKey: r.dedupeKey }))).toEqual([
      { lead: 1440, dueAt: '2026-03-09T14:00:00.000Z', dedupeKey: 'visit_reminder:a42:2026-03-10T14:00:00.000Z:1440' },
      { lead: 120, dueAt: '2026-03-10T12:00:00.000Z', dedupeKey: 'visit_reminder:a42:2026-03-10T14:00:00.000Z:120' },
    ])
  })

  it('sends no "24h reminder" for a visit booked 5 hours ahead, but keeps the 2h one', () => {
    const plan = planVisitReminders({
      assignmentId: 'a42',
      scheduledStart: START,
      bookedAt: new Date(START.getTime() - 5 * HOUR),
      leadsMinutes: [1440, 120],
    })
    expect(plan.map((r) => r.lead)).toEqual([120])
  })

  it('plans nothing for a visit booked an hour ahead, and keeps a lead due exactly at booking', () => {
    const args = { assignmentId: 7, scheduledStart: START, leadsMinutes: [1440, 120] }
    expect(planVisitReminders({ ...args, bookedAt: new Date(START.getTime() - HOUR) })).toEqual([])
    expect(planVisitReminders({ ...args, bookedAt: new Date(START.getTime() - 2 * HOUR) }).map((r) => r.lead)).toEqual([120])
  })

  it('takes a lead in seconds (REMINDER_LEAD_MINUTES=15s) to the second, its key naming the seconds', () => {
    const plan = planVisitReminders({ assignmentId: 7, scheduledStart: START, bookedAt: new Date(START.getTime() - 20_000), leadsMinutes: [1440, 15 / 60] })
    expect(plan.map((r) => ({ dueAt: r.dueAt.toISOString(), dedupeKey: r.dedupeKey }))).toEqual([
      { dueAt: '2026-03-10T13:59:45.000Z', dedupeKey: 'visit_reminder:7:2026-03-10T14:00:00.000Z:15s' },
    ])
    // every whole-second lead lands on a whole second, whatever its fraction of a minute
    for (let seconds = 1; seconds < 600; seconds++) {
      const [r] = planVisitReminders({ assignmentId: 7, scheduledStart: START, bookedAt: new Date(0), leadsMinutes: [seconds / 60] })
      expect(START.getTime() - r.dueAt.getTime()).toBe(seconds * 1000)
    }
  })
})

describe('reminder dedupe keys', () => {
  const base = { kind: 'visit_reminder', subjectId: 'a42', instant: START, lead: 1440, recipientRole: 'customer' }

  it('spells out kind, subject, instant, lead and recipient', () => {
    expect(reminderDedupeKey(base)).toBe('visit_reminder:a42:2026-03-10T14:00:00.000Z:1440:customer')
    expect(reminderDedupeKey({ kind: 'quote_follow_up', subjectId: 9, instant: START })).toBe(
      'quote_follow_up:9:2026-03-10T14:00:00.000Z',
    )
  })

  it('is the same for the same reminder, however often it is planned', () => {
    expect(reminderDedupeKey({ ...base, instant: new Date(START.getTime()) })).toBe(reminderDedupeKey(base))
    const plan = () =>
      planVisitReminders({ assignmentId: 'a42', scheduledStart: START, bookedAt: at('2026-03-01T00:00:00Z'), leadsMinutes: [1440] })
    expect(plan()[0].dedupeKey).toBe(plan()[0].dedupeKey)
  })

  it('changes when the visit is rescheduled, and differs per lead and per recipient', () => {
    const keys = new Set([
      reminderDedupeKey(base),
      reminderDedupeKey({ ...base, instant: at('2026-03-11T14:00:00.000Z') }),
      reminderDedupeKey({ ...base, lead: 120 }),
      reminderDedupeKey({ ...base, recipientRole: 'provider' }),
      reminderDedupeKey({ ...base, subjectId: 'a43' }),
    ])
    expect(keys.size).toBe(5)
  })
})

describe('is the planned visit reminder still true at send time', () => {
  const planned = { scheduledStart: START, version: 3 }
  const check = (status: string, scheduledStart: Date | null = START, version = 3) =>
    visitReminderStillTrue({ planned, current: { status, scheduledStart, version } })

  it('sends when the visit is still scheduled at the planned time', () => {
    expect(check('scheduled')).toEqual({ send: true })
    // An unrelated edit bumps the version but the visit time is what the reminder promises.
    expect(check('scheduled', new Date(START.getTime()), 5)).toEqual({ send: true })
  })

  it.each([
    ['cancelled', START, 'cancelled'],
    ['rejected', START, 'rejected'],
    ['completed', START, 'completed'],
    ['verified', START, 'completed'],
    ['disputed', START, 'completed'],
    ['scheduled', at('2026-03-11T14:00:00.000Z'), 'rescheduled'],
    ['pending_schedule', null, 'not_scheduled'],
    ['pending_schedule', START, 'not_scheduled'],
  ] as const)('status %s, start %s → suppressed as %s', (status, start, reason) => {
    expect(check(status, start, 4)).toEqual({ send: false, reason })
  })
})

describe('due checks for the scans', () => {
  const now = at('2026-03-10T12:00:00Z')

  it('picks up a reminder already due or due within the lookahead, not later ones', () => {
    expect(isDue(at('2026-03-10T11:00:00Z'), now, 60)).toBe(true)
    expect(isDue(at('2026-03-10T13:00:00Z'), now, 60)).toBe(true)
    expect(isDue(at('2026-03-10T13:00:01Z'), now, 60)).toBe(false)
    expect(isDue(at('2026-03-10T12:00:01Z'), now, 0)).toBe(false)
  })

  it('nudges about a quote, a completion and a verification once their time has passed', () => {
    expect(quoteFollowUpDue(at('2026-03-09T12:00:00Z'), now, 1440)).toBe(true)
    expect(quoteFollowUpDue(at('2026-03-09T12:00:01Z'), now, 1440)).toBe(false)
    expect(completionNudgeDue(at('2026-03-10T10:00:00Z'), now, 120)).toBe(true)
    expect(completionNudgeDue(at('2026-03-10T10:30:00Z'), now, 120)).toBe(false)
    expect(completionNudgeDue(null, now, 120)).toBe(false)
    expect(verificationNudgeDue(at('2026-03-09T11:00:00Z'), now, 1440)).toBe(true)
    expect(verificationNudgeDue(at('2026-03-09T13:00:00Z'), now, 1440)).toBe(false)
    expect(verificationNudgeDue(null, now, 1440)).toBe(false)
  })

  it('tells ops why an assignment is overdue at its current step', () => {
    const old = at('2026-03-07T00:00:00Z')
    const recent = at('2026-03-10T00:00:00Z')
    const sla = { now, slaMinutes: 2880 }
    expect(overdueReason({ status: 'pending_schedule', acceptedAt: old, ...sla })).toBe('unscheduled')
    expect(overdueReason({ status: 'pending_schedule', acceptedAt: recent, ...sla })).toBeNull()
    expect(overdueReason({ status: 'scheduled', acceptedAt: old, scheduledEnd: old, ...sla })).toBe('not_completed')
    expect(overdueReason({ status: 'scheduled', acceptedAt: old, scheduledEnd: recent, ...sla })).toBeNull()
    expect(overdueReason({ status: 'completed', scheduledEnd: old, providerCompletedAt: old, ...sla })).toBe('not_verified')
    expect(overdueReason({ status: 'completed', scheduledEnd: old, providerCompletedAt: recent, ...sla })).toBeNull()
    for (const done of ['verified', 'cancelled', 'rejected', 'disputed'])
      expect(overdueReason({ status: done, acceptedAt: old, scheduledEnd: old, providerCompletedAt: old, ...sla })).toBeNull()
  })

  it('allows reminders for a job up to the daily cap and no more', () => {
    expect([0, 4, 5, 6].map((n) => withinDailyLimit(n, 5))).toEqual([true, true, false, false])
  })
})
