import type { PayloadRequest } from 'payload'

import { sqlOf } from '../../db/sql'
import { emit } from '../notifications'
import { opsUserIds } from '../notifications/recipients'

/**
 * Tells every Ops user that an endpoint was turned off (kind `webhook_endpoint_disabled`), recorded and queued in the
 * caller's transaction like any Ops alert: once per disablement, since only the caller that flipped `enabled` gets here.
 */
export async function alertOpsEndpointDisabled(
  req: PayloadRequest,
  webhook: { endpointId: number; url: string; reason: string; ended: number },
): Promise<void> {
  const ops = await opsUserIds(await sqlOf(req))
  if (!ops.length) return
  await emit(req, {
    kind: 'webhook_endpoint_disabled',
    about: `webhook-endpoint:${webhook.endpointId}`,
    to: ops.map((userId) => ({ userId, role: 'ops' as const })),
    occurrence: `disabled-${Date.now()}`,
    details: { webhook },
  })
}
