import type { Payload } from 'payload'

import type { ChannelName, NotificationKind } from '../../../templates'

/** One rendered message on its way out. */
export type OutgoingMessage = {
  logId: number
  kind: NotificationKind
  dedupeKey: string
  to: string
  subject: string | null
  text: string
  ics?: { method: string; content: string } | null
}

export type SendReceipt = { channel: ChannelName; providerMessageId?: string }

/** A way to reach a person. `send` resolves when the provider accepted the message and throws when it did not. */
export interface Channel {
  readonly name: ChannelName
  send(payload: Payload, message: OutgoingMessage): Promise<SendReceipt>
}
