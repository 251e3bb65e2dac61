import type { SuppressionReason } from '../../domain/suppressions'
import type { NotificationKind } from '../../templates'
import { channelsFor, type Recipient } from '../../services/notifications/recipients'
import type { NewNotificationLog } from '../../services/notifications/record'

/**
 * The log rows for one planned reminder: one per channel the recipient can be reached on, `suppressed` (opted_out)
 * for a channel they turned off. `key` is the reminder's identity without the channel.
 */
export function rowsFor(
  recipient: Recipient | undefined,
  base: Omit<NewNotificationLog, 'channel' | 'dedupeKey' | 'recipientId' | 'recipientAddress' | 'status' | 'reason' | 'kind'> & {
    kind: NotificationKind
    key: string
    /** Set for a reminder recorded as not going out at all (e.g. superseded by a shorter lead). */
    suppressedReason?: SuppressionReason
  },
): NewNotificationLog[] {
  if (!recipient) return []
  const { key, suppressedReason, ...rest } = base
  return channelsFor(recipient, base.kind).map(({ channel, address, optedOut }) => ({
    ...rest,
    channel,
    dedupeKey: `${key}:${channel}`,
    recipientId: recipient.id,
    recipientAddress: address,
    status: optedOut || suppressedReason ? 'suppressed' : 'pending',
    reason: suppressedReason ?? (optedOut ? 'opted_out' : null),
  }))
}
