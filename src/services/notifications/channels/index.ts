import type { ChannelName } from '../../../templates'
import { emailChannel } from './email'
import { smsChannel } from './sms'
import type { Channel } from './types'

export type { Channel, OutgoingMessage, SendReceipt } from './types'
export { loggingSmsProvider, useSmsProvider, type SmsProvider } from './sms'

export const CHANNELS: Record<ChannelName, Channel> = { email: emailChannel, sms: smsChannel }
