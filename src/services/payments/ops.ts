import type { PayloadRequest } from 'payload'

import { notify, type NotifyInput } from '../notifications'

/** Every Ops user, as notification recipients: money and disputes are for the whole team to see. */
export async function opsRecipients(req: PayloadRequest): Promise<NotifyInput['to']> {
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { role: { equals: 'ops' } },
    limit: 100,
    depth: 0,
    req,
    overrideAccess: true,
  })
  return docs.map((u) => ({ userId: u.id, role: 'ops' as const }))
}

/** Records and queues a notification to every Ops user (in the caller's transaction). */
export async function notifyOps(req: PayloadRequest, input: Omit<NotifyInput, 'to'>): Promise<void> {
  const to = await opsRecipients(req)
  if (!to.length) {
    req.payload.logger.warn({ msg: 'No Ops user to notify', kind: input.kind, assignmentId: input.assignmentId })
    return
  }
  await notify(req, { ...input, to })
}
