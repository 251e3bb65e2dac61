import { describe, expect, it } from '@jest/globals'

import { parseReminderSettings, REMINDER_SETTING_DOCS } from '../../src/domain/reminderSettings'

const DEFAULTS = {
  workerEnabled: true,
  leadMinutes: [1440, 120],
  lookaheadMinutes: 60,
  pollIntervalMs: 60_000,
  workerConcurrency: 4,
  batchSize: 250,
  overdueMinutes: 2880,
  quoteFollowUpMinutes: 1440,
  completionNudgeMinutes: 120,
  verificationNudgeMinutes: 1440,
  maxPerJobPerDay: 5,
  quietHours: { startHour: 21, endHour: 8 },
  maxAttempts: 5,
  retryBaseMs: 2000,
  leaseMs: 300_000,
}

const problemsFor = (source: Record<string, string | undefined>): string[] => {
  const r = parseReminderSettings(source)
  return r.ok ? [] : r.problems
}

describe('reminder settings', () => {
  it('uses the documented defaults when nothing is set, or a variable is blank', () => {
    expect(parseReminderSettings({})).toEqual({ ok: true, settings: DEFAULTS })
    expect(parseReminderSettings({ REMINDER_LEAD_MINUTES: '', REMINDER_WORKER_CONCURRENCY: '  ' })).toEqual({
      ok: true,
      settings: DEFAULTS,
    })
  })

  it('reads every variable when set', () => {
    const r = parseReminderSettings({
      REMINDER_WORKER_ENABLED: 'false',
      REMINDER_LEAD_MINUTES: '60, 2880,60 ,15',
      REMINDER_LOOKAHEAD_MINUTES: '0',
      REMINDER_POLL_INTERVAL_MS: '1000',
      REMINDER_WORKER_CONCURRENCY: '64',
      REMINDER_BATCH_SIZE: '250',
      REMINDER_OVERDUE_MINUTES: '100',
      QUOTE_FOLLOW_UP_MINUTES: '101',
      COMPLETION_NUDGE_MINUTES: '102',
      VERIFICATION_NUDGE_MINUTES: '103',
      REMINDER_MAX_PER_JOB_PER_DAY: '2',
      REMINDER_QUIET_HOURS: '13-14',
      REMINDER_MAX_ATTEMPTS: '3',
      REMINDER_RETRY_BASE_MS: '500',
      REMINDER_LEASE_MS: '60000',
    })
    expect(r).toEqual({
      ok: true,
      settings: {
        workerEnabled: false,
        leadMinutes: [2880, 60, 15], // largest lead first, duplicates dropped
        lookaheadMinutes: 0,
        pollIntervalMs: 1000,
        workerConcurrency: 64,
        batchSize: 250,
        overdueMinutes: 100,
        quoteFollowUpMinutes: 101,
        completionNudgeMinutes: 102,
        verificationNudgeMinutes: 103,
        maxPerJobPerDay: 2,
        quietHours: { startHour: 13, endHour: 14 },
        maxAttempts: 3,
        retryBaseMs: 500,
        leaseMs: 60_000,
      },
    })
  })

  it('turns quiet hours off with "off" or an empty value', () => {
    for (const v of ['off', '']) {
      const r = parseReminderSettings({ REMINDER_QUIET_HOURS: v })
      expect(r.ok && r.settings.quietHours).toBeNull()
    }
  })

  it('gives the exact message for a bad lead list', () => {
    expect(problemsFor({ REMINDER_LEAD_MINUTES: 'abc' })).toEqual([
      'REMINDER_LEAD_MINUTES must be a comma-separated list of positive whole minutes (got "abc")',
    ])
  })

  it('reads a lead in whole seconds written with an s (15s is a quarter of a minute)', () => {
    const r = parseReminderSettings({ REMINDER_LEAD_MINUTES: '1440,15s,30s' })
    expect(r.ok && r.settings.leadMinutes).toEqual([1440, 0.5, 0.25])
    for (const bad of ['15 s', '0s', '1.5s', 's', '15m'])
      expect(problemsFor({ REMINDER_LEAD_MINUTES: bad })).toEqual([
        `REMINDER_LEAD_MINUTES must be a comma-separated list of positive whole minutes (got "${bad}")`,
      ])
  })

  const BAD: [string, string, RegExp][] = [
    ['REMINDER_WORKER_ENABLED', 'yes', /"true" or "false"/],
    ['REMINDER_LEAD_MINUTES', '1440,,120', /positive whole minutes/],
    ['REMINDER_LEAD_MINUTES', '0', /positive whole minutes/],
    ['REMINDER_LEAD_MINUTES', '-120', /positive whole minutes/],
    ['REMINDER_LEAD_MINUTES', '90.5', /positive whole minutes/],
    ['REMINDER_LOOKAHEAD_MINUTES', '-1', /whole number of minutes of at least 0/],
    ['REMINDER_POLL_INTERVAL_MS', '999', /whole number of milliseconds of at least 1000/],
    ['REMINDER_WORKER_CONCURRENCY', '0', /from 1 to 64/],
    ['REMINDER_WORKER_CONCURRENCY', '65', /from 1 to 64/],
    ['REMINDER_OVERDUE_MINUTES', '2d', /whole number of minutes/],
    ['QUOTE_FOLLOW_UP_MINUTES', '0', /at least 1/],
    ['COMPLETION_NUDGE_MINUTES', '1e3', /whole number of minutes/],
    ['VERIFICATION_NUDGE_MINUTES', '12.5', /whole number of minutes/],
    ['REMINDER_MAX_PER_JOB_PER_DAY', '0', /at least 1/],
    ['REMINDER_QUIET_HOURS', '9pm-8am', /must look like "21-8"/],
    ['REMINDER_QUIET_HOURS', '21-25', /0–23/],
    ['REMINDER_MAX_ATTEMPTS', '0', /at least 1/],
    ['REMINDER_RETRY_BASE_MS', 'fast', /whole number of milliseconds/],
    ['REMINDER_LEASE_MS', '10', /at least 1000/],
    ['REMINDER_LEASE_MS', '99999999999999999999', /whole number of milliseconds/],
  ]
  it.each(BAD)('%s=%s is refused with one problem naming the variable and the value', (name, value, expected) => {
    const problems = problemsFor({ [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0].startsWith(`${name} `)).toBe(true)
    expect(problems[0]).toMatch(expected)
    expect(problems[0]).toContain(`(got "${value}")`)
  })

  it('reports every bad variable at once', () => {
    const problems = problemsFor({ REMINDER_WORKER_CONCURRENCY: '100', REMINDER_QUIET_HOURS: 'night', REMINDER_MAX_ATTEMPTS: 'x' })
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'REMINDER_MAX_ATTEMPTS',
      'REMINDER_QUIET_HOURS',
      'REMINDER_WORKER_CONCURRENCY',
    ])
  })

  it('documents every variable, and each documented default is the default in force', () => {
    expect(REMINDER_SETTING_DOCS.map((d) => d.name).sort()).toEqual(
      [
        'REMINDER_WORKER_ENABLED',
        'REMINDER_LEAD_MINUTES',
        'REMINDER_LOOKAHEAD_MINUTES',
        'REMINDER_POLL_INTERVAL_MS',
        'REMINDER_WORKER_CONCURRENCY',
        'REMINDER_BATCH_SIZE',
        'REMINDER_OVERDUE_MINUTES',
        'QUOTE_FOLLOW_UP_MINUTES',
        'COMPLETION_NUDGE_MINUTES',
        'VERIFICATION_NUDGE_MINUTES',
        'REMINDER_MAX_PER_JOB_PER_DAY',
        'REMINDER_QUIET_HOURS',
        'REMINDER_MAX_ATTEMPTS',
        'REMINDER_RETRY_BASE_MS',
        'REMINDER_LEASE_MS',
      ].sort(),
    )
    for (const d of REMINDER_SETTING_DOCS) expect(d.meaning.length).toBeGreaterThan(10)
    const fromDocs = Object.fromEntries(REMINDER_SETTING_DOCS.map((d) => [d.name, d.default]))
    expect(parseReminderSettings(fromDocs)).toEqual({ ok: true, settings: DEFAULTS })
    expect(REMINDER_SETTING_DOCS.find((d) => d.name === 'REMINDER_LEASE_MS')?.meaning).toMatch(/another worker/)
  })
})
