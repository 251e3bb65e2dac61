/**
 * What the Ops console says about each action Ops may take, keyed `<machine>.<action>` like the lifecycle table
 * (src/domain/lifecycle.ts), which decides which of them a record offers: the button's label, what confirming does,
 * and whether money moves (then the console asks for a note, in the action's own note or reason field). A unit test
 * fails when the table gains an Ops action this page does not describe.
 */
import type { Machine } from './lifecycle'

export type OpsActionCopy = {
  label: string
  /** What happens, said before Ops confirm. */
  confirm: string
  /** Money moves (a capture, a payout, a card hold released): a note is required. */
  moneyMoves: boolean
  /** Values the form starts with, for body fields whose default the action documents (`excludeProvider`). */
  defaults?: Record<string, string | boolean>
  /** Body fields the button sets itself (the dispute outcome): the console does not ask for them. */
  fixed?: Record<string, string>
}

export const OPS_ACTIONS: Record<string, OpsActionCopy> = {
  'job.cancel': {
    label: 'Cancel the job',
    confirm: 'The job is cancelled with its pending quotes and its active assignment; both sides are told and any card hold is released.',
    moneyMoves: true,
  },
  'quote.decline': {
    label: 'Decline the quote',
    confirm: 'The quote is declined; the provider may quote again while the job is open.',
    moneyMoves: false,
  },
  'quote.withdraw': {
    label: 'Withdraw the quote',
    confirm: 'The quote is withdrawn for the provider; they may quote again while the job is open.',
    moneyMoves: false,
  },
  'assignment.cancel': {
    label: 'Cancel the assignment',
    confirm:
      'The assignment and its job are cancelled: waiting reminders are suppressed, both sides are told (with a calendar cancellation for a booked visit) and any card hold is released.',
    moneyMoves: true,
  },
  'assignment.requeue': {
    label: 'Requeue the job',
    confirm:
      'The provider is taken off the job: the assignment ends, the job is open for quotes again, both sides read your note, and any card hold is released (the next acceptance holds the card anew).',
    moneyMoves: true,
    defaults: { excludeProvider: true },
  },
  'assignment.resolveAsVerified': {
    label: 'Resolve as verified',
    confirm:
      "The work counts as done: the job is completed and the provider's payout recorded — the card hold captured, or a payout for Ops to review. Both sides read your note.",
    moneyMoves: true,
    fixed: { outcome: 'verified' },
  },
  'assignment.resolveAsCancelled': {
    label: 'Resolve as cancelled',
    confirm: 'The job is cancelled and the provider is not paid: any card hold is released. Both sides read your note.',
    moneyMoves: true,
    fixed: { outcome: 'cancelled' },
  },
  'payout.approve': {
    label: 'Approve payout',
    confirm: 'The payout is approved: the provider is paid by hand.',
    moneyMoves: true,
  },
  'payout.reject': {
    label: 'Reject payout',
    confirm: 'The provider is not paid and any card hold is released. The provider reads your note.',
    moneyMoves: true,
  },
  'payout.retryCapture': {
    label: 'Retry capture',
    confirm: "Stripe is asked again to capture the customer's card hold, with the payout's same idempotency key: at most one capture ever happens.",
    moneyMoves: true,
  },
  'payout.sendToReview': {
    label: 'Send to review',
    confirm: 'Retries stop: the payout waits for Ops to approve or reject it by hand.',
    moneyMoves: false,
  },
}

export const opsActionKey = (machine: Machine, action: string) => `${machine}.${action}`

/** The body fields that carry Ops's words: one of them is required where money moves. */
export const NOTE_FIELDS = ['note', 'reason'] as const

/** Whether a body field must be filled in: the action requires it, or it is the note of an action that moves money. */
export const fieldRequired = (copy: Pick<OpsActionCopy, 'moneyMoves'>, field: string, requiredByAction: boolean): boolean =>
  requiredByAction || (copy.moneyMoves && (NOTE_FIELDS as readonly string[]).includes(field))
