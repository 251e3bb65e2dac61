import { describe, expect, it } from '@jest/globals'

import { REMINDER_KINDS } from '../../src/collections/ReminderLogs'
import { mayPreview } from '../../src/endpoints/notificationPreview'
import { render, sampleContext, TEMPLATES, type TemplateContext } from '../../src/templates'

const HOUR = 3_600_000

const context = (overrides: Partial<TemplateContext> = {}): TemplateContext => ({
  ...sampleContext('visit_reminder'),
  ...overrides,
})

describe('templates', () => {
  it('exist for every notification kind, on both channels', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...REMINDER_KINDS].sort())
    for (const kind of REMINDER_KINDS) {
      const c = sampleContext(kind)
      const email = render(kind, 'email', c)
      expect(email.subject).toBeTruthy()
      expect(email.subject).not.toMatch(/undefined|null|NaN|\[object/)
      expect(email.text).toMatch(/^Hi .+,\n\n/)
      expect(email.text).toMatch(/Open Jobline: http:\/\/localhost:3000\S*\n\n— Jobline$/)
      expect(email.text).not.toMatch(/undefined|null|NaN|\[object/)
      const sms = render(kind, 'sms', c)
      expect(sms.subject).toBeNull()
      expect(sms.text.length).toBeLessThanOrEqual(160)
      expect(sms.text).not.toMatch(/undefined|null|NaN|\[object/)
    }
  })

  it('show a visit in the job’s time zone, named, whatever the recipient’s zone', () => {
    // 08:00 UTC on 10 March 2026 is 9:00 in Berlin (CET) and 4:00 in New York (EDT, two days after the change)
    const start = new Date('2026-03-10T08:00:00Z')
    const visit = { start, end: new Date(start.getTime() + 2 * HOUR) }
    expect(render('visit_reminder', 'email', context({ visit, timeZone: 'Europe/Berlin' })).text).toContain(
      'When: Tue, Mar 10, 2026, 9:00 – 11:00 AM CET',
    )
    expect(render('visit_reminder', 'email', context({ visit, timeZone: 'America/New_York' })).text).toContain(
      'When: Tue, Mar 10, 2026, 4:00 – 6:00 AM EDT',
    )
    expect(render('visit_reminder', 'sms', context({ visit, timeZone: 'Asia/Kolkata' })).text).toContain('1:30 – 3:30 PM GMT+5:30')
  })

  it('name both zones when a visit spans a DST change', () => {
    // New York falls back at 02:00 EDT on 1 November 2026
    const start = new Date('2026-11-01T05:30:00Z') // 1:30 EDT
    const text = render('visit_reminder', 'email', context({ visit: { start, end: new Date(start.getTime() + 2 * HOUR) }, timeZone: 'America/New_York' })).text
    expect(text).toContain('1:30 AM EDT – 2:30 AM EST')
  })

  it('say what changed: the old and the new time of a moved visit, the offered windows, the reason given', () => {
    const moved = render('schedule_changed', 'email', sampleContext('schedule_changed')).text
    expect(moved).toContain('New time: Tue, Mar 10, 2026, 9:00 – 11:00 AM CET')
    expect(moved).toContain('Was: Mon, Mar 9, 2026, 9:00 – 11:00 AM CET')
    const proposed = render('schedule_proposed', 'email', sampleContext('schedule_proposed')).text
    expect(proposed).toMatch(/1\. Tue, Mar 10, 2026, 9:00 – 11:00 AM CET\n {2}2\. Wed, Mar 11, 2026, 9:00 – 11:00 AM CET/)
    const rejected = render('assignment_rejected', 'email', { ...sampleContext('assignment_rejected'), note: 'Van broke down' }).text
    expect(rejected).toContain('Their reason: Van broke down')
    const overdue = render('reminder_overdue', 'email', sampleContext('reminder_overdue'))
    expect(overdue.subject).toBe('Overdue: assignment 7 (Install ceiling lights) is not verified by the customer')
    expect(overdue.text).toContain('past the 48 h SLA (REMINDER_OVERDUE_MINUTES)')
    expect(overdue.text).toContain('http://localhost:3000/admin/collections/assignments/7')
  })

  it('address customers and providers about the other party, and money in its currency', () => {
    const toCustomer = render('visit_reminder', 'email', context({ recipient: { name: 'Bob', role: 'customer' } })).text
    const toProvider = render('visit_reminder', 'email', context({ recipient: { name: 'Riley', role: 'provider' } })).text
    expect(toCustomer).toContain('With: Riley Repairs')
    expect(toProvider).toContain('With: Bob Customer')
    expect(render('quote_follow_up', 'email', sampleContext('quote_follow_up')).text).toContain('Riley Repairs quoted €220.00')
  })
})

describe('template previews', () => {
  it('are open outside production and for Ops only in production', () => {
    const ops = { role: 'ops' } as never
    const customer = { role: 'customer' } as never
    expect(mayPreview({ isProduction: false, user: null })).toBe(true)
    expect(mayPreview({ isProduction: true, user: null })).toBe(false)
    expect(mayPreview({ isProduction: true, user: customer })).toBe(false)
    expect(mayPreview({ isProduction: true, user: ops })).toBe(true)
  })
})
