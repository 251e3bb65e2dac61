import type { Endpoint, PayloadRequest } from 'payload'

import { userIsOps } from '../access/isOps'
import { env } from '../env'
import { CHANNEL_NAMES, isNotificationKind, render, sampleContext, TEMPLATES, type ChannelName } from '../templates'
import { badRequest, forbidden, notFound } from '../utilities/errors'

/** Previews carry no personal data, but in production they are an Ops tool, not a public page. */
export const mayPreview = ({ isProduction, user }: { isProduction: boolean; user: PayloadRequest['user'] }): boolean =>
  !isProduction || userIsOps(user)

/**
 * GET /api/notifications/preview/:template?channel=email|sms — a template rendered with sample data (a Berlin job, so
 * the time zone shows). Open outside production; in production Ops only. Unknown template: 404 listing the known ones.
 */
export const notificationPreviewEndpoint: Endpoint = {
  path: '/notifications/preview/:template',
  method: 'get',
  handler: async (req) => {
    if (!mayPreview({ isProduction: env().isProduction, user: req.user })) throw forbidden('Template previews are for Ops in production.')
    const template = String(req.routeParams?.template ?? '')
    if (!isNotificationKind(template)) {
      throw notFound(`No template "${template}". Templates: ${Object.keys(TEMPLATES).join(', ')}.`)
    }
    const channel = (new URL(req.url ?? 'http://x/').searchParams.get('channel') ?? 'email') as ChannelName
    if (!CHANNEL_NAMES.includes(channel)) throw badRequest('channel must be email or sms.', 'channel')
    const message = render(template, channel, sampleContext(template, env().serverUrl))
    return Response.json(
      { template, channel, describe: TEMPLATES[template].describe, subject: message.subject, text: message.text },
      { headers: { 'cache-control': 'no-store' } },
    )
  },
}
