import { sql } from '@payloadcms/db-postgres'

import {
  byGroup,
  DEFAULT_SWITCHES,
  type NotificationPreferences,
  PREFERENCE_GROUPS,
  wantsMessage,
} from '../../domain/notificationPreferences'
import type { ChannelName, RecipientRole } from '../../templates'
import { type Db, str } from '../../db/sql'

export type Recipient = {
  id: number
  role: string
  name: string
  email: string
  phone: string | null
  timeZone: string
  preferences: NotificationPreferences
}

/** The users columns a Recipient is read from; `alias` is the table's alias in the query. */
export const recipientColumns = (alias: string) =>
  sql.raw(
    ['id', 'role', 'name', 'email', 'phone', 'time_zone', ...PREFERENCE_COLUMNS].map((c) => `${alias}.${c}`).join(', '),
  )

const PREFERENCE_COLUMNS = [
  ...PREFERENCE_GROUPS.flatMap((g) => [`notifications_${g}_email`, `notifications_${g}_sms`]),
  'notifications_transactional_sms',
  'notifications_quiet_hours_start',
  'notifications_quiet_hours_end',
]

// Payload stores unset checkboxes as NULL; the defaults are email on, SMS off.
const on = (v: unknown, fallback: boolean) => (v === null || v === undefined ? fallback : v === true)

export function preferencesFromRow(r: Record<string, unknown>): NotificationPreferences {
  const groups = byGroup((g) => ({
    email: on(r[`notifications_${g}_email`], DEFAULT_SWITCHES.email),
    sms: on(r[`notifications_${g}_sms`], DEFAULT_SWITCHES.sms),
  }))
  const [start, end] = [r.notifications_quiet_hours_start, r.notifications_quiet_hours_end]
  const quietHours = start == null || end == null ? null : { startHour: Number(start), endHour: Number(end) }
  return { ...groups, transactionalSms: on(r.notifications_transactional_sms, DEFAULT_SWITCHES.sms), quietHours }
}

export const recipientFromRow = (r: Record<string, unknown>): Recipient => ({
  id: Number(r.id),
  role: String(r.role ?? 'customer'),
  name: String(r.name ?? ''),
  email: String(r.email ?? ''),
  phone: str(r.phone) || null,
  timeZone: String(r.time_zone ?? 'UTC'),
  preferences: preferencesFromRow(r),
})

export async function loadRecipients(db: Db, ids: number[]): Promise<Map<number, Recipient>> {
  if (!ids.length) return new Map()
  const { rows } = await db.execute(sql`
    SELECT ${recipientColumns('u')} FROM users u WHERE u.id = ANY(${sql.param(ids)}::int[])`)
  return new Map(rows.map((r) => [Number(r.id), recipientFromRow(r)]))
}

/** Every Ops user: Ops alerts go to the whole team. */
export async function opsUserIds(db: Db): Promise<number[]> {
  const { rows } = await db.execute(sql`SELECT id FROM users WHERE role = 'ops' ORDER BY id`)
  return rows.map((r) => Number(r.id))
}

export type ChannelChoice = { channel: ChannelName; address: string; optedOut: boolean }

/**
 * The channels a person can be reached on for a kind of message and whether they want it there: email always (every
 * account has one), SMS when they gave a phone number. A channel they turned off is still listed, so its message is
 * recorded as suppressed (opted_out) rather than silently missing.
 */
export function channelsFor(r: Recipient, kind: string): ChannelChoice[] {
  const channels: ChannelChoice[] = [{ channel: 'email', address: r.email, optedOut: !wantsChannel(r, kind, 'email') }]
  if (r.phone) channels.push({ channel: 'sms', address: r.phone, optedOut: !wantsChannel(r, kind, 'sms') })
  return channels
}

export const wantsChannel = (r: Recipient, kind: string, channel: ChannelName): boolean =>
  wantsMessage(r.preferences, kind, channel)

export const addressFor = (r: Recipient, channel: ChannelName): string | null => (channel === 'email' ? r.email || null : r.phone)

export const asRecipientRole = (role: string): RecipientRole =>
  role === 'ops' || role === 'provider' ? role : 'customer'
