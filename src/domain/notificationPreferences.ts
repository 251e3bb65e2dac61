import type { NotificationKind } from '../templates/types'
import { type QuietHours } from './quietHours'

/**
 * What a person can switch off, per kind of message and channel, and what they cannot. Every notification kind
 * belongs to one group; the compiler checks that a new kind is placed.
 *
 * - reminders, nudges and schedule changes: email and SMS each on or off (email on, SMS off by default);
 * - account messages (transactional: a cancelled visit, a payout decision, a dispute, the provider on the way, Ops
 *   alerts): always by email, which cannot be turned off; by SMS too when the person turns that on.
 */
export const PREFERENCE_GROUPS = ['reminders', 'nudges', 'schedule'] as const
export type PreferenceGroup = (typeof PREFERENCE_GROUPS)[number]
export type MessageGroup = PreferenceGroup | 'transactional'

const GROUP_OF: Record<NotificationKind, MessageGroup> = {
  visit_reminder: 'reminders',
  quote_follow_up: 'nudges',
  completion_nudge: 'nudges',
  verification_nudge: 'nudges',
  schedule_proposed: 'schedule',
  schedule_confirmed: 'schedule',
  schedule_changed: 'schedule',
  attendance_confirmed: 'schedule',
  reminder_overdue: 'transactional',
  quote_accepted: 'transactional',
  visit_cancelled: 'transactional',
  assignment_rejected: 'transactional',
  payout_pending_review: 'transactional',
  payout_reviewed: 'transactional',
  capture_failed: 'transactional',
  authorization_expiring: 'transactional',
  dispute_opened: 'transactional',
  dispute_resolved: 'transactional',
  assignment_requeued: 'transactional',
  webhook_endpoint_disabled: 'transactional',
  provider_on_the_way: 'transactional',
  provider_arrived: 'transactional',
  password_changed: 'transactional',
}

/** The group a kind belongs to; a kind this build does not know is treated as transactional (it goes out). */
export const groupOf = (kind: string): MessageGroup => GROUP_OF[kind as NotificationKind] ?? 'transactional'

/** The kinds of one group, for the account page and the docs. */
export const kindsOf = (group: MessageGroup): NotificationKind[] =>
  (Object.keys(GROUP_OF) as NotificationKind[]).filter((k) => GROUP_OF[k] === group)

export type ChannelName = 'email' | 'sms'
export type ChannelSwitches = Record<ChannelName, boolean>

/** One value per switchable group. */
export const byGroup = <T>(of: (group: PreferenceGroup) => T): Record<PreferenceGroup, T> =>
  Object.fromEntries(PREFERENCE_GROUPS.map((g) => [g, of(g)])) as unknown as Record<PreferenceGroup, T>

export type NotificationPreferences = Record<PreferenceGroup, ChannelSwitches> & {
  /** Account messages by SMS as well as by email (email cannot be turned off). */
  transactionalSms: boolean
  /** The person's own quiet hours in their time zone; null: the platform's (REMINDER_QUIET_HOURS). */
  quietHours: QuietHours | null
}

export const DEFAULT_SWITCHES: ChannelSwitches = { email: true, sms: false }

/** Whether the person wants `kind` on `channel`. Account messages by email always go. */
export function wantsMessage(prefs: NotificationPreferences, kind: string, channel: ChannelName): boolean {
  const group = groupOf(kind)
  if (group === 'transactional') return channel === 'email' || prefs.transactionalSms
  return prefs[group][channel]
}

/** The quiet hours that hold a person's reminders: their own when they set them, else the platform's. */
export const quietHoursOf = (prefs: NotificationPreferences, platform: QuietHours | null): QuietHours | null =>
  prefs.quietHours ?? platform

/**
 * Why a pair of personal quiet-hour bounds is not valid, keyed by which bound; none when both are unset, or both are
 * whole hours 0–23 that differ (start > end wraps past midnight, as REMINDER_QUIET_HOURS does).
 */
export function personalQuietHoursProblem(start: unknown, end: unknown): { field: 'start' | 'end'; message: string } | null {
  const unset = (v: unknown) => v === null || v === undefined || v === ''
  if (unset(start) && unset(end)) return null
  for (const [field, v] of [['start', start], ['end', end]] as const) {
    if (unset(v)) return { field, message: 'Give both the start and the end of quiet hours, or neither.' }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 23) return { field, message: 'Use a whole hour from 0 to 23.' }
  }
  if (start === end) return { field: 'end', message: 'Quiet hours must end at a different hour than they start.' }
  return null
}

/** The `notifications` data of a user with the same switches for every group (seed data, tests, scripts). */
export const sameForEveryGroup = ({ email, sms }: ChannelSwitches) => ({
  ...byGroup(() => ({ email, sms })),
  transactional: { sms },
})
