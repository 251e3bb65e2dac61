import type { PayloadRequest } from 'payload'

import type { EventType } from '../../domain/events'
import type { Actor } from '../../domain/roles'
import { queueNotifications } from './notifications'
import { queuePayments } from './payments'

/** A domain event as its effects read it: the row the action wrote, with the parties resolved. */
export type DomainEvent = {
  id: number
  type: EventType
  entity: string
  entityId: number
  entityVersion: number
  actorRole: Actor
  jobId: number | null
  customerId: number | null
  providerId: number | null
  assignmentId: number | null
  quoteId: number | null
  data: Record<string, unknown>
  occurredAt: Date
}

/**
 * What follows an event. Each effect only queues work in the action's transaction (a notification row and its
 * delivery job, a Stripe task, a webhook delivery), so nothing goes out for an action that rolls back, and each is
 * idempotent in its own table (unique dedupe keys), so an event handled twice queues once.
 */
export type EventEffect = (req: PayloadRequest, event: DomainEvent) => Promise<void>

const EFFECTS: EventEffect[] = [queueNotifications, queuePayments]

/** Adds an effect for every event (webhooks register theirs at boot). */
export function onEvent(effect: EventEffect): void {
  if (!EFFECTS.includes(effect)) EFFECTS.push(effect)
}

export async function runEventEffects(req: PayloadRequest, event: DomainEvent): Promise<void> {
  for (const effect of EFFECTS) await effect(req, event)
}
