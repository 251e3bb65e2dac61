import type { Actor } from './roles'

/**
 * The life of every stateful record, as data. The actions of src/operations ask this table before they change a
 * status; nothing else decides which moves are legal.
 */

export const JOB_STATUSES = ['open', 'assigned', 'completed', 'cancelled'] as const
export const QUOTE_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const
export const ASSIGNMENT_STATUSES = [
  'pending_schedule',
  'scheduled',
  'completed',
  'verified',
  'disputed',
  'rejected',
  'cancelled',
] as const
export const PROPOSAL_STATUSES = ['open', 'confirmed', 'declined', 'superseded', 'expired'] as const
export const PAYOUT_STATUSES = [
  'none',
  'pending_review',
  'approved',
  'capture_pending',
  'captured',
  'failed',
  'rejected',
] as const

export type JobStatus = (typeof JOB_STATUSES)[number]
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

export const MACHINES = {
  job: JOB_STATUSES,
  quote: QUOTE_STATUSES,
  assignment: ASSIGNMENT_STATUSES,
  proposal: PROPOSAL_STATUSES,
  payout: PAYOUT_STATUSES,
} as const
export type Machine = keyof typeof MACHINES
export type StateOf<M extends Machine> = (typeof MACHINES)[M][number]

export type Transition<M extends Machine = Machine> = {
  machine: M
  from: StateOf<M>
  action: string
  by: readonly Actor[]
  to: StateOf<M>
}

const t = <M extends Machine>(
  machine: M,
  from: StateOf<M> | readonly StateOf<M>[],
  action: string,
  by: readonly Actor[],
  to: StateOf<M>,
): Transition<M>[] => (Array.isArray(from) ? from : [from]).map((f) => ({ machine, from: f, action, by, to }))

/**
 * Every action that exists, for every machine. The pipeline (src/operations) asks this table for the next status of
 * every record it moves, including the records an action moves along with its subject (the other quotes an
 * acceptance declines, the job a cancellation closes): nothing else decides which moves are legal or where they lead.
 * Same-state rows (propose, reschedule) are actions too: they are audited and raise events like any other.
 */
export const transitions: readonly Transition[] = [
  // jobs: a customer's request for work
  ...t('job', 'open', 'assign', ['system'], 'assigned'),
  ...t('job', 'assigned', 'requeue', ['system'], 'open'),
  ...t('job', 'assigned', 'complete', ['system'], 'completed'),
  ...t('job', ['open', 'assigned'], 'cancel', ['customer', 'ops'], 'cancelled'),

  // quotes: a provider's offer on a job
  ...t('quote', 'pending', 'accept', ['customer'], 'accepted'),
  ...t('quote', 'pending', 'decline', ['customer', 'ops', 'system'], 'declined'),
  ...t('quote', 'pending', 'withdraw', ['provider', 'ops'], 'withdrawn'),
  ...t('quote', 'pending', 'expire', ['system'], 'expired'),

  // assignments: the accepted quote being carried out
  ...t('assignment', 'pending_schedule', 'propose', ['customer', 'provider'], 'pending_schedule'),
  ...t('assignment', 'scheduled', 'propose', ['customer', 'provider'], 'scheduled'),
  ...t('assignment', 'pending_schedule', 'confirmSchedule', ['customer', 'provider'], 'scheduled'),
  ...t('assignment', 'scheduled', 'reschedule', ['customer', 'provider'], 'scheduled'),
  ...t('assignment', ['pending_schedule', 'scheduled'], 'reject', ['provider'], 'rejected'),
  ...t('assignment', ['pending_schedule', 'scheduled'], 'cancel', ['customer', 'ops'], 'cancelled'),
  // Ops take the job away from its provider (a no-show, a complaint): the assignment ends, the job is open again
  ...t('assignment', ['pending_schedule', 'scheduled'], 'requeue', ['ops'], 'cancelled'),
  // the visit's day: the provider sets off and arrives (same state, audited; the status machine is unchanged)
  ...t('assignment', 'scheduled', 'onMyWay', ['provider'], 'scheduled'),
  ...t('assignment', 'scheduled', 'arrive', ['provider'], 'scheduled'),
  // either side says they will be there ("I'll be there", also from a reminder email's one-tap link)
  ...t('assignment', 'scheduled', 'attend', ['customer', 'provider'], 'scheduled'),
  ...t('assignment', 'scheduled', 'complete', ['provider'], 'completed'),
  ...t('assignment', 'completed', 'verify', ['customer', 'system'], 'verified'),
  ...t('assignment', 'completed', 'dispute', ['customer'], 'disputed'),
  ...t('assignment', 'disputed', 'resolveAsVerified', ['ops'], 'verified'),
  ...t('assignment', 'disputed', 'resolveAsCancelled', ['ops'], 'cancelled'),

  // schedule proposals: one side's offered visit windows
  ...t('proposal', 'open', 'confirm', ['customer', 'provider'], 'confirmed'),
  ...t('proposal', 'open', 'decline', ['customer', 'provider'], 'declined'),
  ...t('proposal', 'open', 'supersede', ['system'], 'superseded'),
  ...t('proposal', 'open', 'expire', ['system'], 'expired'),

  // payouts: money owed to the provider once the customer verified
  ...t('payout', 'none', 'requestReview', ['system'], 'pending_review'),
  ...t('payout', 'none', 'requestCapture', ['system'], 'capture_pending'),
  ...t('payout', 'pending_review', 'approve', ['ops'], 'approved'),
  ...t('payout', 'pending_review', 'reject', ['ops'], 'rejected'),
  ...t('payout', 'capture_pending', 'captureSucceeded', ['system'], 'captured'),
  ...t('payout', 'capture_pending', 'captureFailed', ['system'], 'failed'),
  ...t('payout', 'failed', 'retryCapture', ['ops'], 'capture_pending'),
  ...t('payout', 'failed', 'sendToReview', ['ops', 'system'], 'pending_review'),
]

export const findTransition = <M extends Machine>(
  machine: M,
  from: StateOf<M>,
  action: string,
): Transition<M> | undefined =>
  transitions.find((tr) => tr.machine === machine && tr.from === from && tr.action === action) as
    | Transition<M>
    | undefined

/** True when `actor` may take `action` on a record of `machine` in some state. */
export const mayEver = (machine: Machine, action: string, actor: Actor): boolean =>
  transitions.some((t) => t.machine === machine && t.action === action && t.by.includes(actor))

/** True when `actor` may perform `action` on a record of `machine` currently in `from`. */
export const canTransition = <M extends Machine>(machine: M, from: StateOf<M>, action: string, actor: Actor): boolean =>
  findTransition(machine, from, action)?.by.includes(actor) ?? false

export type TransitionRefusal = { ok: false; reason: 'illegal_transition' | 'forbidden'; message: string }
export type TransitionResult<M extends Machine> = { ok: true; to: StateOf<M> } | TransitionRefusal

/**
 * The state after `action`, or why it is refused: `forbidden` when this actor may not take the action (from this state,
 * or from any: a 403), `illegal_transition` when they may but not from this state (a 409 naming it).
 */
export function nextState<M extends Machine>(
  machine: M,
  from: StateOf<M>,
  action: string,
  actor: Actor,
): TransitionResult<M> {
  const tr = findTransition(machine, from, action)
  // who may never take this action hears that first, whatever state the record is in
  if (!mayEver(machine, action, actor) || (tr && !tr.by.includes(actor))) {
    return { ok: false, reason: 'forbidden', message: `A ${actor} may not ${action} a ${machine}.` }
  }
  if (!tr) {
    return { ok: false, reason: 'illegal_transition', message: `Cannot ${action} a ${machine} that is ${from}.` }
  }
  return { ok: true, to: tr.to }
}

/** The actions `actor` may take on a record of `machine` in state `from`, in table order (the Ops console's buttons). */
export const actionsFrom = <M extends Machine>(machine: M, from: StateOf<M>, actor: Actor): Transition<M>[] =>
  transitions.filter((tr) => tr.machine === machine && tr.from === from && tr.by.includes(actor)) as Transition<M>[]

/** States from which no action leads anywhere. */
export const terminalStates = <M extends Machine>(machine: M): StateOf<M>[] =>
  (MACHINES[machine] as readonly StateOf<M>[]).filter(
    (s) => !transitions.some((tr) => tr.machine === machine && tr.from === s),
  )

/** The state a record of each machine starts in (a payout starts as `none` on its assignment until one is created). */
export const INITIAL_STATES: { [M in Machine]: StateOf<M> } = {
  job: 'open',
  quote: 'pending',
  assignment: 'pending_schedule',
  proposal: 'open',
  payout: 'none',
}
