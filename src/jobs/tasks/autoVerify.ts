import type { TaskConfig } from 'payload'

import { autoVerifyCutoff } from '../../domain/payments'
import { env } from '../../env'
import { runAsSystem } from '../../operations/pipeline'
import { verifyAssignment } from '../../operations/verifyAssignment'

/**
 * AUTO_VERIFY_DAYS: completed assignments the customer neither verified nor disputed within that many days are
 * verified by the system — the same action as the customer's (the audit trail and the event say `system`), which
 * starts their payout. Off when the variable is 0.
 */
export const autoVerifyTask: TaskConfig<'autoVerify'> = {
  slug: 'autoVerify',
  inputSchema: [{ name: 'limit', type: 'number' }],
  outputSchema: [
    { name: 'verified', type: 'number' },
    { name: 'skipped', type: 'number' },
  ],
  handler: async ({ input, req }) => {
    const cutoff = autoVerifyCutoff(new Date(), env().payments.autoVerifyDays)
    if (!cutoff) return { output: { verified: 0, skipped: 0 } }
    const { docs } = await req.payload.find({
      collection: 'assignments',
      where: {
        and: [{ status: { equals: 'completed' } }, { 'timestamps.providerCompletedAt': { less_than_equal: cutoff.toISOString() } }],
      },
      sort: 'timestamps.providerCompletedAt',
      limit: input?.limit ?? 100,
      depth: 0,
      req,
      overrideAccess: true,
    })
    let verified = 0
    let skipped = 0
    for (const { id } of docs) {
      try {
        await runAsSystem(verifyAssignment, req, id, undefined)
        verified++
      } catch (error) {
        // the customer acted in the meantime (verified or disputed): nothing to do for this one
        skipped++
        req.payload.logger.info({ msg: 'Auto-verify skipped', assignmentId: id, error: (error as Error).message })
      }
    }
    return { output: { verified, skipped } }
  },
}
