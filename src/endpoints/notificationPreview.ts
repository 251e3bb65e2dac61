import type { Endpoint, PayloadRequest } from 'payload'

import { userIsOps } from '../access/isOps'
import { env } from '../env'
import { CHANNEL_NAMES, isNotificationKind, render, sampleContext, TEMPLATES, type ChannelName } from '../templates'
import { badRequest, forbidden, notFound } from '../utilities/errors'
import { documented, nullable, obj, str } from '../openapi/declare'

/** Previews carry no personal data, but in production they are an Ops tool, not a public page. */
export const mayPreview = ({ isProduction, user }: { isProduction: boolean; user: PayloadRequest['user'] }): boolean =>
  !isProduction || userIsOps(user)

/**
 * GET /api/notifications/preview/:template?channel=email|sms — a template rendered with sample data (a Berlin job, so
 * the time zone shows). Open outside production; in production Ops only. Unknown template: 404 listing the known ones.
 */
const notificationPreview: Endpoint = {
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

export const notificationPreviewEndpoint: Endpoint = documented(notificationPreview, {
  tag: 'Operations',
  auth: 'none',
  summary: 'A notification template rendered with sample data',
  description: 'Open outside production; Ops only in production.',
  params: [
    { name: 'template', in: 'path', required: true, description: 'A notification kind (src/templates/index.ts).', schema: { type: 'string', enum: Object.keys(TEMPLATES) } },
    { name: 'channel', in: 'query', description: '`email` (default) or `sms`.', schema: { type: 'string', enum: [...CHANNEL_NAMES] } },
  ],
  responses: {
    200: { description: 'The rendered message (`subject` null for SMS).', schema: obj({ template: str(), channel: str(), describe: str(), subject: nullable(str()), text: str() }) },
    400: { description: '`channel` is neither email nor sms.' },
    403: { description: 'Production, and you are not Ops.' },
    404: { description: 'No such template (the message lists them).' },
  },
})
