import { createHash, randomUUID } from 'node:crypto'

import { env } from '../../../env'
import { logLine } from '../log'
import type { Channel } from './types'

const domainOf = (from: string) => from.replace(/^.*<(.+)>$/, '$1').split('@')[1] ?? 'jobline.local'

/**
 * Email through Payload's email adapter (nodemailer: SMTP from SMTP_URL, or a JSON transport that sends nothing when it
 * is unset). The Message-ID derives from the dedupe key, so should a crash make a retry repeat a message the
 * provider already accepted, mail clients still see one message.
 *
 * Two things nodemailer would otherwise do per message, measured as ~16 µs of each reminder's CPU (docs/performance.md):
 * a multipart boundary from `crypto.randomBytes` (a synchronous crypto job per call) — given here from `randomUUID`,
 * which Node serves from a buffered pool, still unpredictable so no text in a message can close a part; and parsing
 * the recipient as an address header — given here as the address object it already is.
 */
export const emailChannel: Channel = {
  name: 'email',
  async send(payload, m) {
    const messageId = `<${createHash('sha256').update(m.dedupeKey).digest('hex').slice(0, 32)}@${domainOf(env().emailFrom)}>`
    // nodemailer reads `baseBoundary` from the message; Payload's type leaves it out
    const mail: Parameters<typeof payload.sendEmail>[0] & { baseBoundary: string } = {
      to: { name: '', address: m.to },
      baseBoundary: randomUUID().replaceAll('-', ''),
      subject: m.subject ?? '',
      text: m.text,
      messageId,
      headers: { 'X-Jobline-Notification': String(m.logId), 'X-Jobline-Kind': m.kind },
      attachments: m.ics
        ? [{ filename: 'invite.ics', content: m.ics.content, contentType: `text/calendar; charset=utf-8; method=${m.ics.method}` }]
        : undefined,
    }
    const info = (await payload.sendEmail(mail)) as { messageId?: string } | undefined
    // Without SMTP_URL nothing leaves the process: the log line is the delivery, so it carries the text.
    if (!env().smtpUrl) logLine('info', 'email.logged', { logId: m.logId, to: m.to, subject: m.subject, text: m.text })
    return { channel: 'email', providerMessageId: info?.messageId ?? messageId }
  },
}
