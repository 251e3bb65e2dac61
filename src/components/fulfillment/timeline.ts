/** Audit events in words: "Visit booked (pending_schedule → scheduled), by the customer". */
import type { AuditEvent } from '@/payload-types'

const ENTITY: Record<string, string> = {
  jobs: 'Job',
  quotes: 'Quote',
  assignments: 'Assignment',
  'schedule-proposals': 'Proposed times',
  payouts: 'Payout',
  'reminder-logs': 'Reminder',
}

const ACTION: Record<string, string> = {
  create: 'created',
  seed: 'created',
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  expire: 'expired',
  assign: 'assigned',
  requeue: 'open for quotes again',
  propose: 'proposed',
  confirm: 'confirmed',
  supersede: 'replaced by newer times',
  confirmSchedule: 'visit booked',
  reschedule: 'visit moved',
  reject: 'given back by the provider',
  cancel: 'cancelled',
  onMyWay: 'provider on the way',
  arrive: 'provider arrived',
  attend: "attendance confirmed (“I'll be there”)",
  complete: 'marked complete',
  verify: 'verified by the customer',
  dispute: 'problem reported',
  resolveAsVerified: 'dispute resolved as verified',
  resolveAsCancelled: 'dispute resolved as cancelled',
  requestReview: 'sent to Ops for review',
  requestCapture: 'payment capture queued',
  approve: 'approved by Ops',
  captureSucceeded: 'payment captured',
  captureFailed: 'payment capture failed',
  retryCapture: 'payment capture retried',
  sendToReview: 'sent to Ops for review',
}

const ACTOR: Record<string, string> = { customer: 'the customer', provider: 'the provider', ops: 'Ops', system: 'Jobline' }

export function describeEvent(e: Pick<AuditEvent, 'entity' | 'action' | 'fromState' | 'toState' | 'actorRole'>) {
  const action = e.action.startsWith('ops:') ? e.action.slice(4) : e.action
  const proposal = e.entity === 'schedule-proposals' && (action === 'create' || action === 'propose')
  return {
    what: proposal ? 'Times proposed' : `${ENTITY[e.entity] ?? e.entity} ${ACTION[action] ?? action}`,
    change: e.fromState ? `${e.fromState} → ${e.toState ?? '—'}` : (e.toState ?? ''),
    by: ACTOR[e.actorRole] ?? e.actorRole,
  }
}
