/**
 * The Ops console's buttons come from the lifecycle table: every action the table lets Ops take has words in
 * src/domain/opsConsole.ts and exactly one route in ACTION_ROUTES, and each button posts to that route with the body
 * it documents (a note required where money moves).
 */
import { describe, expect, it } from '@jest/globals'
import type { CollectionSlug } from 'payload'

import { actionsFrom, MACHINES, transitions, type Machine, type StateOf } from '../../src/domain/lifecycle'
import { fieldRequired, OPS_ACTIONS, opsActionKey } from '../../src/domain/opsConsole'
import { ACTION_ROUTES } from '../../src/operations/endpoints'
import { opsButtonsFor, routeFor } from '../../src/services/console/opsActions'

const COLLECTION: Record<Machine, CollectionSlug> = { job: 'jobs', quote: 'quotes', assignment: 'assignments', proposal: 'schedule-proposals', payout: 'payouts' }
const opsTransitions = transitions.filter((t) => t.by.includes('ops'))
const opsActions = [...new Set(opsTransitions.map((t) => opsActionKey(t.machine, t.action)))]

describe('the Ops actions of the lifecycle table', () => {
  it('are the ones the console describes, no more and no fewer', () => {
    expect(opsActions.sort()).toEqual(Object.keys(OPS_ACTIONS).sort())
  })

  it.each(opsActions)('%s has exactly one route, mounted on its own collection', (key) => {
    const [machine, action] = key.split('.') as [Machine, string]
    const route = routeFor(machine, COLLECTION[machine], action)
    expect(route).toBeDefined()
    const others = ACTION_ROUTES.filter((r) => r !== route && r.collection === COLLECTION[machine] && r.spec.machine === machine && r.spec.action === action)
    expect(others).toEqual([])
  })
})

describe('the buttons of a record', () => {
  const states = (m: Machine) => MACHINES[m] as readonly string[]
  const subject = (machine: Machine, status: string) => ({ machine, collection: COLLECTION[machine], id: 12, status, version: 7, subject: 'Fix the sink — Alice' })

  it('are, in every state of every machine, the Ops actions of the table from that state, in its order', () => {
    for (const machine of Object.keys(MACHINES) as Machine[]) {
      for (const status of states(machine)) {
        const expected = actionsFrom(machine, status as StateOf<Machine>, 'ops').map((t) => t.action)
        expect([machine, status, opsButtonsFor(subject(machine, status)).map((b) => b.action)]).toEqual([machine, status, expected])
      }
    }
  })

  it('post to the route a client calls, with the version the page read', () => {
    const [verify, cancel] = opsButtonsFor(subject('assignment', 'disputed'))
    expect([verify.path, verify.fixed, verify.version]).toEqual(['/assignments/12/resolve', { outcome: 'verified' }, 7])
    expect([cancel.path, cancel.fixed]).toEqual(['/assignments/12/resolve', { outcome: 'cancelled' }])
    // the outcome is the button's; the note is asked for, and required
    expect(verify.fields).toEqual([expect.objectContaining({ name: 'note', kind: 'text', required: true })])
    expect(opsButtonsFor(subject('payout', 'failed')).map((b) => b.path)).toEqual(['/payouts/12/retry-capture', '/payouts/12/send-to-review'])
  })

  it('require a note where money moves, even where the endpoint leaves it optional', () => {
    const [cancel, requeue] = opsButtonsFor(subject('assignment', 'scheduled'))
    expect(cancel.fields).toEqual([expect.objectContaining({ name: 'reason', required: true })]) // optional in the API
    expect(requeue.fields).toEqual([
      expect.objectContaining({ name: 'note', required: true }),
      expect.objectContaining({ name: 'excludeProvider', kind: 'checkbox', required: false, initial: true }),
    ])
    const [approve, reject] = opsButtonsFor(subject('payout', 'pending_review'))
    expect([approve.fields[0].required, reject.fields[0].required]).toEqual([true, true])
    const [, sendToReview] = opsButtonsFor(subject('payout', 'failed'))
    expect(sendToReview.fields).toEqual([expect.objectContaining({ name: 'note', required: false })])
    expect(opsButtonsFor(subject('quote', 'pending')).map((b) => b.fields[0].required)).toEqual([false, false])
  })

  it('are none from a state Ops cannot leave', () => {
    for (const [machine, status] of [['assignment', 'verified'], ['assignment', 'completed'], ['payout', 'captured'], ['job', 'cancelled']] as const) {
      expect(opsButtonsFor(subject(machine, status))).toEqual([])
    }
  })

  it('say that a field is required by the action, or because money moves', () => {
    expect([fieldRequired({ moneyMoves: false }, 'note', true), fieldRequired({ moneyMoves: true }, 'note', false)]).toEqual([true, true])
    expect([fieldRequired({ moneyMoves: false }, 'note', false), fieldRequired({ moneyMoves: true }, 'excludeProvider', false)]).toEqual([false, false])
  })
})
