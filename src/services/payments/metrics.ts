import type { Payload } from 'payload'

/**
 * `capture_failed_total`: how many times a capture ended `failed` (retries exhausted, or not capturable). Counted
 * from the audit trail rather than from payouts currently `failed`, so the counter never goes down when Ops retries
 * a capture that then succeeds, and every process (web, worker) reports the same number across restarts.
 */
export async function captureFailedTotal(payload: Payload): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: 'audit-events',
    where: {
      and: [{ entity: { equals: 'payouts' } }, { action: { equals: 'captureFailed' } }, { toState: { equals: 'failed' } }],
    },
    overrideAccess: true,
  })
  return totalDocs
}
