import type { IncomingAuthType } from 'payload'

import { RESET_LINK_LIFETIME_MS, resetPasswordUrl } from '../../domain/passwords'
import { env } from '../../env'
import { passwordResetEmail } from '../../templates/account'

type ResetArgs = { token?: string; user?: { name?: string | null } } | undefined

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const messageFor = (args: ResetArgs) =>
  passwordResetEmail({ name: args?.user?.name, link: resetPasswordUrl(env().serverUrl, args?.token ?? '') })

/**
 * Payload's forgot-password flow, pointed at the site: the email links to /reset-password on `SERVER_URL` (not the
 * admin's reset view), which customers, providers and Ops all use; the link works for one hour (set here rather
 * than left to Payload's default, since the email and the pages say so). Payload sends HTML only, so the plain-text
 * template becomes one paragraph each, the link a link.
 */
export const forgotPassword: NonNullable<IncomingAuthType['forgotPassword']> = {
  expiration: RESET_LINK_LIFETIME_MS,
  generateEmailSubject: (args) => messageFor(args).subject,
  generateEmailHTML: (args) => {
    const link = resetPasswordUrl(env().serverUrl, args?.token ?? '')
    return messageFor(args)
      .text.split('\n\n')
      .map((p) => (p === link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : `<p>${escapeHtml(p)}</p>`))
      .join('\n')
  },
}
