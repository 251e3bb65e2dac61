/** Audit events in words: "Assignment visit booked · Waiting for a visit time → Visit booked · by you". */
import type { AuditEvent } from '@/payload-types'
import { statusText } from '../format'

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

const ACTOR: Record<string, string> = { customer: 'the customer', provider: 'the provider', ops: 'Ops', system: 'the system' }

/** The name of a person the reader deals with, by user id ("Quinn Electric"): who did what, by name. */
export type PeopleNames = Readonly<Record<string, string>>

/**
 * `viewerRole`: who reads it, so their own steps read "by you"; `names`: the other people the reader knows by name.
 * States in words, never their keys.
 */
export function describeEvent(e: Pick<AuditEvent, 'entity' | 'action' | 'fromState' | 'toState' | 'actorRole' | 'actor'>, viewerRole?: string, names: PeopleNames = {}) {
  const action = e.action.startsWith('ops:') ? e.action.slice(4) : e.action
  const proposal = e.entity === 'schedule-proposals' && (action === 'create' || action === 'propose')
  const actorId = e.actor == null ? undefined : typeof e.actor === 'object' ? e.actor.id : e.actor
  const named = actorId !== undefined ? names[String(actorId)] : undefined
  const actor = e.actorRole === viewerRole ? 'you' : (named ?? ACTOR[e.actorRole] ?? 'someone')
  const by = e.actorRole === 'system' ? 'automatically' : `by ${actor}`
  return {
    what: proposal ? 'Times proposed' : `${ENTITY[e.entity] ?? 'Record'} ${ACTION[action] ?? action.replace(/([A-Z])/g, ' $1').toLowerCase()}`,
    change: e.fromState && e.fromState !== e.toState ? `${statusText(e.fromState)} → ${statusText(e.toState)}` : e.toState && !e.fromState ? statusText(e.toState) : '',
    actor,
    by,
  }
}
