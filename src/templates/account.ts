import { at, body } from './format'
import type { Template } from './types'

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
      `Not you? Reset your password now (Forgot password on ${c.appUrl}/login) and tell us by replying to this email.`,
    ),
  }),
  sms: () => 'Jobline: your password was changed. Not you? Reset it now and tell us.',
}
