import type { EventType } from './events'
import type { NotificationKind, RecipientRole } from '../templates/types'

/**
 * Who hears about which event, and with what: one row per event type, as data. Every text comes from the kind's
 * template (src/templates); an event only brings the facts the database does not hold afterwards (the old time of a
 * moved visit, a reason someone typed, the windows offered).
 */
export type NotificationPlan = {
  kind: NotificationKind
  to: RecipientRole[]
  /** Attach a calendar invite for the visit: REQUEST books or moves it, CANCEL removes it. */
  invite?: 'REQUEST' | 'CANCEL'
  details?: PlanDetails
}

/** The facts a plan hands to its template, as plain values from the event's data. */
export type PlanDetails = {
  note?: string
  windows?: { start: string; end: string }[]
  previousVisit?: { start: string; end: string | null }
  outcome?: 'verified' | 'cancelled'
  /** Minutes to arrival and the instant they count from (provider_on_the_way). */
  eta?: { minutes: number; at: string }
}

type EventFacts = { type: EventType; actorRole: string; data: Record<string, unknown> }

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined)
const both: RecipientRole[] = ['customer', 'provider']
const otherSide = (side: unknown): RecipientRole => (side === 'provider' ? 'customer' : 'provider')

/** The visit was booked when the action began: its calendar entry must go. */
const hadVisit = (e: EventFacts) => e.data.from === 'scheduled'

const PLANS: Partial<Record<EventType, (e: EventFacts) => NotificationPlan[]>> = {
  'quote.accepted': () => [{ kind: 'quote_accepted', to: ['provider'] }],
  'assignment.schedule_proposed': (e) => [
    {
      kind: 'schedule_proposed',
      to: [otherSide(e.data.side)],
      details: { windows: e.data.windows as PlanDetails['windows'], note: text(e.data.note) },
    },
  ],
  'assignment.scheduled': () => [{ kind: 'schedule_confirmed', to: both, invite: 'REQUEST' }],
  'assignment.rescheduled': (e) => [
    { kind: 'schedule_changed', to: both, invite: 'REQUEST', details: { previousVisit: e.data.previousVisit as PlanDetails['previousVisit'] } },
  ],
  'assignment.cancelled': (e) =>
    e.data.action === 'resolveAsCancelled'
      ? [{ kind: 'dispute_resolved', to: both, details: { note: text(e.data.note), outcome: 'cancelled' } }]
      : [{ kind: 'visit_cancelled', to: both, ...(hadVisit(e) ? { invite: 'CANCEL' as const } : {}), details: { note: text(e.data.reason) } }],
  'job.cancelled': (e) =>
    e.data.assignmentId
      ? [{ kind: 'visit_cancelled', to: both, ...(e.data.assignmentFrom === 'scheduled' ? { invite: 'CANCEL' as const } : {}), details: { note: text(e.data.reason) } }]
      : [],
  'assignment.requeued': (e) => [
    { kind: 'assignment_requeued', to: both, ...(hadVisit(e) ? { invite: 'CANCEL' as const } : {}), details: { note: text(e.data.note) } },
  ],
  'assignment.rejected': (e) => [
    { kind: 'assignment_rejected', to: [...both, 'ops'], ...(hadVisit(e) ? { invite: 'CANCEL' as const } : {}), details: { note: text(e.data.reason) } },
  ],
  'assignment.verified': (e) => [
    ...(e.data.action === 'resolveAsVerified' ? [{ kind: 'dispute_resolved' as const, to: both, details: { note: text(e.data.note), outcome: 'verified' as const } }] : []),
    ...((e.data.payout as { status?: string } | undefined)?.status === 'pending_review'
      ? [{ kind: 'payout_pending_review' as const, to: ['ops' as const], details: { note: text((e.data.payout as { manualReason?: string }).manualReason) } }]
      : []),
  ],
  // transactional: the customer needs these now, so they are not reminders (quiet hours and the daily cap never hold them)
  // a repeat tap the guardrails keep quiet (src/domain/visitDay.ts) is recorded with notify: false, and sends nothing
  'assignment.provider_on_the_way': (e) => {
    if (e.data.notify === false) return []
    const minutes = typeof e.data.etaMinutes === 'number' ? e.data.etaMinutes : null
    const setOff = (e.data.assignment as { visitDay?: { onMyWayAt?: string | null } } | undefined)?.visitDay?.onMyWayAt
    return [{ kind: 'provider_on_the_way', to: ['customer'], details: minutes !== null && setOff ? { eta: { minutes, at: new Date(new Date(setOff).getTime() + minutes * 60_000).toISOString() } } : {} }]
  },
  'assignment.provider_arrived': (e) => (e.data.notify === false ? [] : [{ kind: 'provider_arrived', to: ['customer'] }]),
  'assignment.attendance_confirmed': (e) => [{ kind: 'attendance_confirmed', to: [otherSide(e.data.side)] }],
  'assignment.disputed': (e) => [{ kind: 'dispute_opened', to: ['provider', 'ops'], details: { note: text(e.data.reason) } }],
  'payout.approved': (e) => [{ kind: 'payout_reviewed', to: ['provider'], details: { note: text(e.data.note) } }],
  'payout.rejected': (e) => [{ kind: 'payout_reviewed', to: ['provider'], details: { note: text(e.data.note) } }],
  'payout.capture_failed': () => [{ kind: 'capture_failed', to: ['ops'] }],
}

/** The notifications an event asks for (none for events nobody needs to hear about, such as a completed capture). */
export const notificationsFor = (event: EventFacts): NotificationPlan[] => PLANS[event.type]?.(event) ?? []
