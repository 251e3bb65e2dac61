/**
 * The domain events every action raises, one per action, named `<record>.<what happened>`. Each is written in the
 * action's transaction with the record's new version; notifications, Stripe work and webhooks are queued from it.
 * The descriptions are the event catalogue (docs/architecture.md, and the webhooks of docs/webhooks.md).
 */
export const EVENT_TYPES = {
  'job.cancelled': 'The customer (or Ops) cancelled a job; an active assignment is cancelled with it.',
  'quote.accepted': "The customer accepted a quote: the job is assigned and an assignment waits for a visit time; the job's other pending quotes are declined.",
  'quote.declined': 'The customer (or Ops) declined a pending quote.',
  'quote.withdrawn': 'The provider (or Ops) withdrew a pending quote.',
  'assignment.schedule_proposed': 'The customer or the provider proposed visit windows (their open proposal, if any, is superseded).',
  'proposal.declined': 'The other side declined a proposal without booking a window.',
  'assignment.scheduled': 'A window of a proposal was confirmed: the visit is booked.',
  'assignment.rescheduled': 'A booked visit moved to a newly confirmed window.',
  'assignment.cancelled': 'The assignment was cancelled (by the customer or Ops, or as the outcome of a dispute); the job is cancelled.',
  'assignment.requeued': 'Ops took the job away from its provider: the assignment is cancelled and the job open for quotes again.',
  'assignment.rejected': 'The provider gave the job back: the job is open for quotes again without them.',
  'assignment.provider_on_the_way': 'On the day of the visit, the provider set off ("On my way"), with minutes to arrival if they gave them.',
  'assignment.provider_arrived': 'On the day of the visit, the provider arrived.',
  'assignment.attendance_confirmed': "The customer or the provider confirmed they will be there for the booked visit (\"I'll be there\").",
  'assignment.completed': 'The provider marked the visit complete.',
  'assignment.verified': 'The customer (or the system after AUTO_VERIFY_DAYS, or Ops resolving a dispute) verified the work; its payout is recorded.',
  'assignment.disputed': 'The customer reported a problem with completed work; no money moves until Ops resolve it.',
  'payout.approved': 'Ops approved a payout for manual payment.',
  'payout.rejected': 'Ops rejected a payout; any card hold is released.',
  'payout.sent_to_review': 'Ops sent a failed capture to manual review.',
  'payout.capture_retried': 'Ops retried a failed capture.',
  'payout.captured': "Stripe captured the customer's payment.",
  'payout.capture_failed': 'Capturing the payment failed for good (after its retries); Ops decide.',
} as const

export type EventType = keyof typeof EVENT_TYPES

export const isEventType = (value: unknown): value is EventType => typeof value === 'string' && value in EVENT_TYPES
