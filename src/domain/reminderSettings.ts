import { parseQuietHours, quietHoursProblem, type QuietHours } from './quietHours'

/**
 * The reminder worker's knobs, read from a plain name → value map (the caller passes process.env). Every bad value is
 * reported at once, naming its variable, so a misconfigured deploy fails at boot instead of sending at the wrong time.
 */

export type ReminderSettings = {
  workerEnabled: boolean
  leadMinutes: number[]
  lookaheadMinutes: number
  pollIntervalMs: number
  workerConcurrency: number
  batchSize: number
  overdueMinutes: number
  quoteFollowUpMinutes: number
  completionNudgeMinutes: number
  verificationNudgeMinutes: number
  maxPerJobPerDay: number
  quietHours: QuietHours | null
  maxAttempts: number
  retryBaseMs: number
  leaseMs: number
}

export type ReminderSettingsResult = { ok: true; settings: ReminderSettings } | { ok: false; problems: string[] }

/** One variable for the configuration reference (docs/configuration.md); `min`/`max` bound a whole number. */
export type ReminderSettingDoc = { name: string; default: string; meaning: string; min?: number; max?: number }

type WholeNumberSetting = {
  name: string
  key: { [K in keyof ReminderSettings]: ReminderSettings[K] extends number ? K : never }[keyof ReminderSettings]
  default: number
  min: number
  max?: number
  unit: 'minutes' | 'milliseconds' | 'count'
  meaning: string
}

const WHOLE_NUMBER_SETTINGS: readonly WholeNumberSetting[] = [
  {
    name: 'REMINDER_LOOKAHEAD_MINUTES',
    key: 'lookaheadMinutes',
    default: 60,
    min: 0,
    unit: 'minutes',
    meaning: 'How far ahead of its due time a reminder is picked up by a scan (and queued with `waitUntil`).',
  },
  {
    name: 'REMINDER_POLL_INTERVAL_MS',
    key: 'pollIntervalMs',
    default: 60_000,
    min: 1000,
    unit: 'milliseconds',
    meaning: 'Pause between worker scans (and heartbeats); `/api/health` calls a worker dead after 3 × this.',
  },
  {
    name: 'REMINDER_WORKER_CONCURRENCY',
    key: 'workerConcurrency',
    default: 4,
    min: 1,
    max: 64,
    unit: 'count',
    meaning: 'Reminders one worker sends at the same time: its lanes, each running one delivery job.',
  },
  {
    name: 'REMINDER_BATCH_SIZE',
    key: 'batchSize',
    default: 250,
    min: 1,
    max: 1000,
    unit: 'count',
    meaning:
      'Due reminders one `deliverReminders` job claims, renders and sends together. Larger batches cost fewer queries per reminder; smaller ones spread a small backlog over more workers.',
  },
  {
    name: 'REMINDER_OVERDUE_MINUTES',
    key: 'overdueMinutes',
    default: 2880,
    min: 1,
    unit: 'minutes',
    meaning: 'How long an assignment may sit unscheduled, uncompleted or unverified before Ops is told it is overdue (the SLA).',
  },
  {
    name: 'QUOTE_FOLLOW_UP_MINUTES',
    key: 'quoteFollowUpMinutes',
    default: 1440,
    min: 1,
    unit: 'minutes',
    meaning: 'Age of an unanswered quote before the customer is nudged to decide.',
  },
  {
    name: 'COMPLETION_NUDGE_MINUTES',
    key: 'completionNudgeMinutes',
    default: 120,
    min: 1,
    unit: 'minutes',
    meaning: 'Time after a visit ends before the provider is asked to mark it complete.',
  },
  {
    name: 'VERIFICATION_NUDGE_MINUTES',
    key: 'verificationNudgeMinutes',
    default: 1440,
    min: 1,
    unit: 'minutes',
    meaning: 'Time after the provider marks a job complete before the customer is asked to verify it.',
  },
  {
    name: 'REMINDER_MAX_PER_JOB_PER_DAY',
    key: 'maxPerJobPerDay',
    default: 5,
    min: 1,
    unit: 'count',
    meaning:
      'Most reminders one job may send to one recipient on one channel in any 24 hours; the rest are `suppressed` / `rate_limited`, not queued.',
  },
  {
    name: 'REMINDER_MAX_ATTEMPTS',
    key: 'maxAttempts',
    default: 5,
    min: 1,
    unit: 'count',
    meaning: 'Send attempts for one reminder or notification before it is marked failed.',
  },
  {
    name: 'REMINDER_RETRY_BASE_MS',
    key: 'retryBaseMs',
    default: 2000,
    min: 1,
    unit: 'milliseconds',
    meaning: 'First retry delay; each later retry waits twice as long (with ±20 % jitter, capped at one hour).',
  },
  {
    name: 'REMINDER_LEASE_MS',
    key: 'leaseMs',
    default: 300_000,
    min: 1000,
    unit: 'milliseconds',
    meaning:
      'How long a claimed reminder (or a running job) may stay claimed before another worker may take it over. A send is abandoned after half of it; a batch starts no send after a quarter of it.',
  },
]

const DEFAULT_LEADS = '1440,120'
const DEFAULT_QUIET_HOURS = '21-8'

export const REMINDER_SETTING_DOCS: readonly ReminderSettingDoc[] = [
  {
    name: 'REMINDER_WORKER_ENABLED',
    default: 'true',
    meaning:
      'Whether this process runs the reminder worker (`true` or `false`). In the web process it tells `/api/health` whether a worker is expected.',
  },
  {
    name: 'REMINDER_LEAD_MINUTES',
    default: DEFAULT_LEADS,
    meaning:
      'Comma-separated minutes before a visit starts to remind both sides; a lead already passed at booking is skipped. An entry may also be whole seconds written `15s` (the browser tests book visits seconds ahead).',
  },
  ...WHOLE_NUMBER_SETTINGS.map((s) => ({ name: s.name, default: String(s.default), meaning: s.meaning, min: s.min, max: s.max })),
  {
    name: 'REMINDER_QUIET_HOURS',
    default: DEFAULT_QUIET_HOURS,
    meaning:
      'Local hours `start-end` in the recipient\'s time zone when scheduled reminders wait instead of sending (deferred to the end of the night, never dropped); `off` or empty disables.',
  },
]

const WHOLE = /^\d+$/
/** A lead in whole minutes (`120`) or whole seconds (`15s`); read as minutes, so `15s` is 0.25. */
const LEAD = /^(\d+)(s?)$/

const leadInMinutes = (part: string): number | undefined => {
  const m = LEAD.exec(part)
  if (!m || !Number.isSafeInteger(Number(m[1])) || Number(m[1]) < 1) return undefined
  return m[2] ? Number(m[1]) / 60 : Number(m[1])
}

// An unset or blank variable means "use the default" (except quiet hours, where blank means off).
const given = (source: Record<string, string | undefined>, name: string): string | undefined => {
  const v = source[name]?.trim()
  return v === undefined || v === '' ? undefined : v
}

const rangeText = (s: WholeNumberSetting): string =>
  s.max !== undefined ? `from ${s.min} to ${s.max}` : `of at least ${s.min}`

export function parseReminderSettings(source: Record<string, string | undefined>): ReminderSettingsResult {
  const problems: string[] = []

  const enabledRaw = given(source, 'REMINDER_WORKER_ENABLED')?.toLowerCase() ?? 'true'
  if (enabledRaw !== 'true' && enabledRaw !== 'false')
    problems.push(`REMINDER_WORKER_ENABLED must be "true" or "false" (got "${source.REMINDER_WORKER_ENABLED}")`)

  const leadsRaw = given(source, 'REMINDER_LEAD_MINUTES') ?? DEFAULT_LEADS
  const leadParts = leadsRaw.split(',').map((p) => p.trim())
  const leads = leadParts.map(leadInMinutes)
  const leadMinutes = [...new Set(leads.filter((m): m is number => m !== undefined))].sort((a, b) => b - a)
  if (leads.some((m) => m === undefined))
    problems.push(
      `REMINDER_LEAD_MINUTES must be a comma-separated list of positive whole minutes (got "${source.REMINDER_LEAD_MINUTES}")`,
    )

  const numbers: Partial<Record<WholeNumberSetting['key'], number>> = {}
  for (const s of WHOLE_NUMBER_SETTINGS) {
    const raw = given(source, s.name)
    const n = raw === undefined ? s.default : Number(raw)
    const ok =
      (raw === undefined || WHOLE.test(raw)) && Number.isSafeInteger(n) && n >= s.min && (s.max === undefined || n <= s.max)
    if (!ok) problems.push(`${s.name} must be a whole number of ${s.unit} ${rangeText(s)} (got "${source[s.name]}")`)
    numbers[s.key] = n
  }

  const quietRaw = source.REMINDER_QUIET_HOURS ?? DEFAULT_QUIET_HOURS
  const quietProblem = quietHoursProblem(quietRaw, 'REMINDER_QUIET_HOURS')
  if (quietProblem) problems.push(quietProblem)

  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    settings: {
      workerEnabled: enabledRaw === 'true',
      leadMinutes,
      ...(numbers as Record<WholeNumberSetting['key'], number>),
      quietHours: parseQuietHours(quietRaw),
    },
  }
}
