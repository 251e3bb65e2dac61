import { describe, expect, it } from '@jest/globals'

import {
  ASSIGNMENT_STATUSES,
  canTransition,
  MACHINES,
  nextState,
  actionsFrom,
  terminalStates,
  transitions,
  type AssignmentStatus,
} from '../../src/domain/lifecycle'
import type { Actor } from '../../src/domain/roles'

const ACTORS: Actor[] = ['customer', 'provider', 'ops', 'system']

/**
 * The assignment lifecycle written out by hand, independently of the table: every legal (from, action) with who may
 * do it and where it leads. The test walks every state × action × actor and compares.
 */
const EXPECTED_ASSIGNMENT: Record<string, { from: AssignmentStatus; by: Actor[]; to: AssignmentStatus }[]> = {
  propose: [
    { from: 'pending_schedule', by: ['customer', 'provider'], to: 'pending_schedule' },
    { from: 'scheduled', by: ['customer', 'provider'], to: 'scheduled' },
  ],
  confirmSchedule: [{ from: 'pending_schedule', by: ['customer', 'provider'], to: 'scheduled' }],
  reschedule: [{ from: 'scheduled', by: ['customer', 'provider'], to: 'scheduled' }],
  reject: [
    { from: 'pending_schedule', by: ['provider'], to: 'rejected' },
    { from: 'scheduled', by: ['provider'], to: 'rejected' },
  ],
  cancel: [
    { from: 'pending_schedule', by: ['customer', 'ops'], to: 'cancelled' },
    { from: 'scheduled', by: ['customer', 'ops'], to: 'cancelled' },
  ],
  requeue: [
    { from: 'pending_schedule', by: ['ops'], to: 'cancelled' },
    { from: 'scheduled', by: ['ops'], to: 'cancelled' },
  ],
  // the visit's day: same-state, provider only
  onMyWay: [{ from: 'scheduled', by: ['provider'], to: 'scheduled' }],
  arrive: [{ from: 'scheduled', by: ['provider'], to: 'scheduled' }],
  attend: [{ from: 'scheduled', by: ['customer', 'provider'], to: 'scheduled' }],
  complete: [{ from: 'scheduled', by: ['provider'], to: 'completed' }],
  verify: [{ from: 'completed', by: ['customer', 'system'], to: 'verified' }],
  dispute: [{ from: 'completed', by: ['customer'], to: 'disputed' }],
  resolveAsVerified: [{ from: 'disputed', by: ['ops'], to: 'verified' }],
  resolveAsCancelled: [{ from: 'disputed', by: ['ops'], to: 'cancelled' }],
}

describe('assignment lifecycle', () => {
  for (const from of ASSIGNMENT_STATUSES) {
    for (const [action, rows] of Object.entries(EXPECTED_ASSIGNMENT)) {
      for (const actor of ACTORS) {
        const row = rows.find((r) => r.from === from)
        const allowed = Boolean(row && row.by.includes(actor))
        // an actor who may take the action from some state hears "not from this one"; anyone else "not you"
        const everAllowed = rows.some((r) => r.by.includes(actor))
        it(`${actor} ${allowed ? 'may' : 'may not'} ${action} from ${from}`, () => {
          expect(canTransition('assignment', from, action, actor)).toBe(allowed)
          const result = nextState('assignment', from, action, actor)
          if (allowed) expect(result).toEqual({ ok: true, to: row!.to })
          else expect(result).toMatchObject({ ok: false, reason: row || !everAllowed ? 'forbidden' : 'illegal_transition' })
        })
      }
    }
  }

  it('has no transitions the hand-written table does not list', () => {
    const actual = transitions.filter((t) => t.machine === 'assignment').map((t) => `${t.from}:${t.action}:${t.to}`)
    const expected = Object.entries(EXPECTED_ASSIGNMENT).flatMap(([action, rows]) => rows.map((r) => `${r.from}:${action}:${r.to}`))
    expect(actual.sort()).toEqual(expected.sort())
  })

  it('ends in verified, rejected or cancelled and nowhere else', () => {
    expect(terminalStates('assignment').sort()).toEqual(['cancelled', 'rejected', 'verified'])
  })

  it('explains a refusal in words a client can act on', () => {
    expect(nextState('assignment', 'verified', 'verify', 'customer')).toEqual({
      ok: false,
      reason: 'illegal_transition',
      message: 'Cannot verify a assignment that is verified.',
    })
    expect(nextState('assignment', 'scheduled', 'complete', 'customer')).toEqual({
      ok: false,
      reason: 'forbidden',
      message: 'A customer may not complete a assignment.',
    })
  })
})

describe('every machine', () => {
  it('uses only states its machine declares, and one action leads to one state', () => {
    for (const t of transitions) {
      expect(MACHINES[t.machine]).toContain(t.from)
      expect(MACHINES[t.machine]).toContain(t.to)
    }
    const keys = transitions.map((t) => `${t.machine}:${t.from}:${t.action}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('reaches every non-initial state from somewhere', () => {
    const initial: Record<string, string[]> = {
      job: ['open'],
      quote: ['pending'],
      assignment: ['pending_schedule'],
      proposal: ['open'],
      payout: ['none'],
    }
    for (const [machine, states] of Object.entries(MACHINES)) {
      for (const s of states) {
        if (initial[machine].includes(s)) continue
        expect(transitions.some((t) => t.machine === machine && t.to === s)).toBe(true)
      }
    }
  })

  it('quotes: only the customer accepts, only pending quotes move', () => {
    expect(canTransition('quote', 'pending', 'accept', 'customer')).toBe(true)
    expect(canTransition('quote', 'pending', 'accept', 'provider')).toBe(false)
    expect(nextState('quote', 'accepted', 'accept', 'customer')).toMatchObject({ ok: false, reason: 'illegal_transition' })
    expect(terminalStates('quote').sort()).toEqual(['accepted', 'declined', 'expired', 'withdrawn'])
  })

  it('payouts: Ops approve or reject a payout under review once; a failed capture can be retried', () => {
    expect(nextState('payout', 'pending_review', 'approve', 'ops')).toEqual({ ok: true, to: 'approved' })
    expect(nextState('payout', 'approved', 'approve', 'ops')).toMatchObject({ ok: false, reason: 'illegal_transition' })
    expect(nextState('payout', 'rejected', 'approve', 'ops')).toMatchObject({ ok: false, reason: 'illegal_transition' })
    expect(nextState('payout', 'pending_review', 'approve', 'customer')).toMatchObject({ ok: false, reason: 'forbidden' })
    expect(nextState('payout', 'failed', 'retryCapture', 'ops')).toEqual({ ok: true, to: 'capture_pending' })
  })

  it('jobs: a rejected assignment puts the job back to open', () => {
    expect(nextState('job', 'assigned', 'requeue', 'system')).toEqual({ ok: true, to: 'open' })
    expect(nextState('job', 'completed', 'cancel', 'customer')).toMatchObject({ ok: false, reason: 'illegal_transition' })
  })
})

describe('the Ops console', () => {
  it('offers what the table lets Ops do from the current state, and nothing else', () => {
    expect(actionsFrom('assignment', 'disputed', 'ops').map((t) => t.action)).toEqual(['resolveAsVerified', 'resolveAsCancelled'])
    expect(actionsFrom('assignment', 'scheduled', 'ops').map((t) => t.action).sort()).toEqual(['cancel', 'requeue'])
    expect(actionsFrom('payout', 'failed', 'ops').map((t) => t.action).sort()).toEqual(['retryCapture', 'sendToReview'])
    expect(actionsFrom('assignment', 'verified', 'ops')).toEqual([])
  })
})
