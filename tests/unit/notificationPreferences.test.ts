import { describe, expect, it } from '@jest/globals'

import { REMINDER_KINDS } from '../../src/collections/ReminderLogs'
import {
  byGroup,
  groupOf,
  kindsOf,
  type NotificationPreferences,
  personalQuietHoursProblem,
  quietHoursOf,
  wantsMessage,
} from '../../src/domain/notificationPreferences'
import { SCHEDULED_REMINDER_KINDS } from '../../src/domain/reminders'

const allOff: NotificationPreferences = { ...byGroup(() => ({ email: false, sms: false })), transactionalSms: false, quietHours: null }

describe('notification preferences', () => {
  it('place every scheduled reminder in a group a person can switch off', () => {
    for (const kind of SCHEDULED_REMINDER_KINDS) expect([kind, groupOf(kind)]).not.toEqual([kind, 'transactional'])
    expect(kindsOf('reminders')).toEqual(['visit_reminder'])
    expect(kindsOf('schedule').sort()).toEqual(['attendance_confirmed', 'schedule_changed', 'schedule_confirmed', 'schedule_proposed'])
  })

  it('never let a person turn off account messages by email, whatever they switched off', () => {
    for (const kind of REMINDER_KINDS) {
      const transactional = groupOf(kind) === 'transactional'
      expect([kind, wantsMessage(allOff, kind, 'email')]).toEqual([kind, transactional])
      expect([kind, wantsMessage(allOff, kind, 'sms')]).toEqual([kind, false])
    }
    expect(wantsMessage({ ...allOff, transactionalSms: true }, 'visit_cancelled', 'sms')).toBe(true)
    expect(wantsMessage({ ...allOff, transactionalSms: true }, 'visit_reminder', 'sms')).toBe(false)
  })

  it('switch one group on one channel without touching the others', () => {
    const prefs = { ...allOff, nudges: { email: false, sms: true } }
    expect(wantsMessage(prefs, 'completion_nudge', 'sms')).toBe(true)
    expect(wantsMessage(prefs, 'completion_nudge', 'email')).toBe(false)
    expect(wantsMessage(prefs, 'visit_reminder', 'sms')).toBe(false)
  })

  it('use personal quiet hours when set, else the platform’s', () => {
    const platform = { startHour: 21, endHour: 8 }
    expect(quietHoursOf(allOff, platform)).toBe(platform)
    expect(quietHoursOf({ ...allOff, quietHours: { startHour: 22, endHour: 6 } }, platform)).toEqual({ startHour: 22, endHour: 6 })
  })

  it('accept both bounds or neither, whole hours that differ, naming the bound at fault', () => {
    expect(personalQuietHoursProblem(null, null)).toBeNull()
    expect(personalQuietHoursProblem(undefined, '')).toBeNull()
    expect(personalQuietHoursProblem(22, 7)).toBeNull()
    expect(personalQuietHoursProblem(0, 23)).toBeNull()
    expect(personalQuietHoursProblem(22, null)?.field).toBe('end')
    expect(personalQuietHoursProblem(null, 7)?.field).toBe('start')
    expect(personalQuietHoursProblem(24, 7)?.field).toBe('start')
    expect(personalQuietHoursProblem(22, 7.5)?.field).toBe('end')
    expect(personalQuietHoursProblem(-1, 7)?.field).toBe('start')
    expect(personalQuietHoursProblem('22', 7)?.field).toBe('start')
    expect(personalQuietHoursProblem(7, 7)?.field).toBe('end')
  })
})
