import { sql } from '@payloadcms/db-postgres'

import type { ChannelName, RecipientRole } from '../../templates'
import { type Db, str } from '../../db/sql'

export type Recipient = {
  id: number
  role: string
  name: string
  email: string
  phone: string | null
  timeZone: string
  emailOn: boolean
  smsOn: boolean
}

export const recipientFromRow = (r: Record<string, unknown>): Recipient => ({
  id: Number(r.id),
  role: String(r.role ?? 'customer'),
  name: String(r.name ?? ''),
  email: String(r.email ?? ''),
  phone: str(r.phone) || null,
  timeZone: String(r.time_zone ?? 'UTC'),
  // Payload stores unset checkboxes as NULL; the field defaults are email on, SMS off.
  emailOn: r.notifications_email !== false,
  smsOn: r.notifications_sms === true,
})

export async function loadRecipients(db: Db, ids: number[]): Promise<Map<number, Recipient>> {
  if (!ids.length) return new Map()
  const { rows } = await db.execute(sql`
    SELECT id, role, name, email, phone, time_zone, notifications_email, notifications_sms
    FROM users WHERE id = ANY(${sql.param(ids)}::int[])`)
  return new Map(rows.map((r) => [Number(r.id), recipientFromRow(r)]))
}

/** Every Ops user: Ops alerts go to the whole team. */
export async function opsUserIds(db: Db): Promise<number[]> {
  const { rows } = await db.execute(sql`SELECT id FROM users WHERE role = 'ops' ORDER BY id`)
  return rows.map((r) => Number(r.id))
}

export type ChannelChoice = { channel: ChannelName; address: string; optedOut: boolean }

/**
 * The channels a person can be reached on and whether they want them: email always (every account has one), SMS when
 * they gave a phone number. A channel they turned off is still listed, so its message is recorded as suppressed
 * (opted_out) rather than silently missing.
 */
export function channelsFor(r: Recipient): ChannelChoice[] {
  const channels: ChannelChoice[] = [{ channel: 'email', address: r.email, optedOut: !r.emailOn }]
  if (r.phone) channels.push({ channel: 'sms', address: r.phone, optedOut: !r.smsOn })
  return channels
}

export const wantsChannel = (r: Recipient, channel: ChannelName): boolean => (channel === 'email' ? r.emailOn : r.smsOn)

export const addressFor = (r: Recipient, channel: ChannelName): string | null => (channel === 'email' ? r.email || null : r.phone)

export const asRecipientRole = (role: string): RecipientRole =>
  role === 'ops' || role === 'provider' ? role : 'customer'
