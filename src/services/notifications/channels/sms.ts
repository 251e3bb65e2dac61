import { logLine } from '../log'
import type { Channel } from './types'

/** What an SMS provider (Twilio, MessageBird, ...) has to do for us; plug one in with `useSmsProvider`. */
export interface SmsProvider {
  readonly name: string
  send(to: string, text: string): Promise<{ id: string }>
}

/** The stub: writes the message as a log line and sends nothing. */
export const loggingSmsProvider: SmsProvider = {
  name: 'log',
  async send(to, text) {
    const id = `log-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    logLine('info', 'sms.logged', { id, to, text })
    return { id }
  },
}

let provider: SmsProvider = loggingSmsProvider

/** Replaces the SMS provider for this process (at boot, before the worker starts). */
export const useSmsProvider = (next: SmsProvider): void => {
  provider = next
}

export const smsChannel: Channel = {
  name: 'sms',
  async send(_payload, m) {
    const { id } = await provider.send(m.to, m.text)
    return { channel: 'sms', providerMessageId: id }
  },
}
