/**
 * The suppression reasons /api/metrics starts at zero are the ones the send-time rules really produce: every reason
 * `decide` gives for a kind is listed for that kind, and every listed reason is produced by `decide` or by one of the
 * few writers outside it (the scan's `superseded`, the daily cap's `rate_limited`).
 */
import { describe, expect, it } from '@jest/globals'

import { ASSIGNMENT_STATUSES, QUOTE_STATUSES } from '../../src/domain/lifecycle'
import { parseQuietHours } from '../../src/domain/quietHours'
import { SCHEDULED_REMINDER_KINDS } from '../../src/domain/reminders'
import { suppressionReasons } from '../../src/domain/suppressions'
import { byGroup, type NotificationPreferences } from '../../src/domain/notificationPreferences'
import { decide, type SendFacts } from '../../src/services/notifications/decide'
import type { Recipient } from '../../src/services/notifications/recipients'
import { TEMPLATES } from '../../src/templates'

const HOUR = 3_600_000
const KINDS = Object.keys(TEMPLATES)
const NOW = new Date('2027-03-10T12:00:00Z')
const PLANNED = new Date(NOW.getTime() + 3 * HOUR)

const switchedTo = (on: boolean): NotificationPreferences => ({
  ...byGroup(() => ({ email: on, sms: on })),
  transactionalSms: on,
  quietHours: null,
})

const person = (over: Partial<Recipient> = {}): Recipient => ({
  id: 1,
  role: 'customer',
  name: 'A',
  email: 'a@example.com',
  phone: '+15550100',
  timeZone: 'UTC',
  preferences: switchedTo(true),
  ...over,
})

/** Every combination of the facts `decide` reads, per kind. */
function* factsFor(kind: string): Generator<SendFacts> {
  const assignments: SendFacts['assignment'][] = [null]
  for (const status of ASSIGNMENT_STATUSES)
    for (const scheduledStart of [null, PLANNED, new Date(PLANNED.getTime() + HOUR), new Date(NOW.getTime() + HOUR)])
      assignments.push({
        status,
        scheduledStart,
        scheduledEnd: scheduledStart && new Date(scheduledStart.getTime() + HOUR),
        version: 2,
        acceptedAt: new Date(NOW.getTime() - 100 * HOUR),
        providerCompletedAt: new Date(NOW.getTime() - 100 * HOUR),
      })
  const quotes = [null, ...QUOTE_STATUSES.map((status) => ({ status }))]
  const recipients = [
    null,
    person(),
    person({ preferences: switchedTo(false) }),
    person({ email: '', phone: null }),
    person({ timeZone: 'Pacific/Kiritimati' }), // 02:00 there: quiet hours
  ]
  for (const assignment of assignments)
    for (const quote of quotes)
      for (const recipient of recipients)
        for (const channel of ['email', 'sms'] as const)
          yield { kind, channel, logId: 7, plannedStart: PLANNED, assignment, quote, recipient }
}

const produced = new Map(
  KINDS.map((kind) => {
    const reasons = new Set<string>()
    for (const f of factsFor(kind)) {
      const d = decide(f, { now: NOW, quietHours: parseQuietHours('21-8'), overdueSlaMinutes: 60 })
      if (d.action === 'suppress') reasons.add(d.reason)
    }
    return [kind, reasons]
  }),
)

describe('suppression reasons', () => {
  it('lists, for every kind, each reason the send-time rules give it', () => {
    for (const kind of KINDS) {
      const listed = new Set(suppressionReasons(kind))
      expect([kind, [...produced.get(kind)!].filter((r) => !listed.has(r as never))]).toEqual([kind, []])
    }
  })

  it('lists no reason nothing produces', () => {
    // the scan's supersede, the daily cap, and Ops taking a job away (the requeue action suppresses its rows)
    const outsideDecide = ['superseded', 'rate_limited', 'requeued']
    const all = new Set(KINDS.flatMap((k) => suppressionReasons(k)))
    const seen = new Set([...[...produced.values()].flatMap((s) => [...s]), ...outsideDecide])
    expect([...all].filter((r) => !seen.has(r)).sort()).toEqual([])
    expect(all.size).toBeGreaterThan(15)
  })

  it('gives the daily cap to scheduled reminders only, and the recipient reasons to every kind', () => {
    for (const kind of KINDS) {
      const reasons = suppressionReasons(kind)
      expect([kind, reasons.includes('rate_limited')]).toEqual([kind, (SCHEDULED_REMINDER_KINDS as readonly string[]).includes(kind)])
      expect(reasons).toEqual(expect.arrayContaining(['recipient_gone', 'opted_out', 'no_address']))
      expect(new Set(reasons).size).toBe(reasons.length)
    }
    expect(suppressionReasons('visit_reminder')).toEqual(expect.arrayContaining(['rescheduled', 'superseded', 'quiet_hours']))
    expect(suppressionReasons('quote_follow_up')).toEqual(expect.arrayContaining(['quote_accepted', 'quote_expired']))
    expect(suppressionReasons('quote_follow_up')).not.toContain('cancelled')
  })
})
