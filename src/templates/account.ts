import { at, body } from './format'
import type { EmailMessage, Template } from './types'

const ENDED = 'Every other device was signed out, your calendar feed has a new address (copy it from your Account page), and the links in earlier emails no longer work.'

export const passwordChanged: Template = {
  kind: 'password_changed',
  describe: 'The person, when their password was reset or changed: what that ended, and what to do if it was not them.',
  email: (c) => ({
    subject: 'Your Jobline password was changed',
    text: body(
      c,
      `Your password was ${c.account?.how === 'reset' ? 'reset with a link from our email' : 'changed'}${c.account ? ` on ${at(c, c.account.changedAt)}` : ''}.`,
      ENDED,
      `Not you? Reset your password now (${c.appUrl}/forgot-password) and tell us by replying to this email.`,
    ),
  }),
  sms: () => 'Jobline: your password was changed. Not you? Reset it now and tell us.',
}

/**
 * The reset link Payload's forgot-password emails (src/collections/Users/passwordReset.ts renders it as the HTML
 * Payload sends). Not a notification kind: Payload sends it at once, in the request that asked for it.
 */
export const passwordResetEmail = ({ name, link }: { name?: string | null; link: string }): EmailMessage => ({
  subject: 'Reset your Jobline password',
  text: [
    `Hi ${name || 'there'},`,
    'Someone asked to reset the password of your Jobline account. If it was you, choose a new password here:',
    link,
    'The link works once, for one hour. If you asked more than once, only the newest link works.',
    "Didn't ask? Ignore this email: your password stays as it is.",
    '— Jobline',
  ].join('\n\n'),
})
