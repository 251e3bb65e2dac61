/**
 * The field policy's evaluation: who reads which field in which relation, what may be filtered and sorted on, and the
 * relation of a viewer to a record read from the record itself. The full role × collection × field × state matrix
 * over HTTP is tests/int/fieldAccess.test.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import {
  canReadField,
  canReadFieldInEveryRelation,
  counterpartiesFrom,
  FIELD_POLICY,
  POLICED_COLLECTIONS,
  relationTo,
  rulesFor,
  type FieldRule,
} from '../../src/access/fieldPolicy'
import { fieldPolicyTable, TABLE_END, TABLE_START, withFieldPolicyTable } from '../../src/access/fieldPolicyTable'

const customer = { id: 10, role: 'customer' as const }
const provider = { id: 20, role: 'provider' as const }

describe('reading a field', () => {
  it('an open job shows a provider its city, region and postal area, never the street lines, code or windows', () => {
    for (const path of ['serviceAddress.city', 'serviceAddress.region', 'serviceAddress.postalArea', 'serviceAddress.country', 'title']) {
      expect(canReadField('jobs', path, 'provider', 'visible')).toBe(true)
    }
    for (const path of ['serviceAddress.line1', 'serviceAddress.line2', 'serviceAddress.postalCode', 'preferredWindows', 'excludedProviders']) {
      expect(canReadField('jobs', path, 'provider', 'visible')).toBe(false)
    }
  })

  it('the assigned provider reads the full address while the assignment is active, not after it ended', () => {
    expect(canReadField('jobs', 'serviceAddress.line1', 'provider', 'assigned')).toBe(true)
    expect(canReadField('jobs', 'preferredWindows', 'provider', 'assigned')).toBe(true)
    expect(canReadField('jobs', 'serviceAddress.line1', 'provider', 'finished')).toBe(false)
    expect(canReadField('jobs', 'serviceAddress.city', 'provider', 'finished')).toBe(true)
  })

  it("a party reads the other's email and phone only while assigned to each other", () => {
    for (const field of ['email', 'phone']) {
      expect(canReadField('users', field, 'customer', 'assigned')).toBe(true)
      expect(canReadField('users', field, 'provider', 'assigned')).toBe(true)
      for (const relation of ['quoted', 'finished'] as const) {
        expect(canReadField('users', field, 'customer', relation)).toBe(false)
        expect(canReadField('users', field, 'provider', relation)).toBe(false)
      }
      expect(canReadField('users', field, 'customer', 'self')).toBe(true)
    }
    expect(canReadField('users', 'name', 'customer', 'quoted')).toBe(true) // who quoted, by name
    expect(canReadField('users', 'name', 'provider', 'finished')).toBe(true)
  })

  it('Stripe ids, idempotency keys and capture errors are Ops-only', () => {
    for (const [collection, path] of [
      ['assignments', 'payment.paymentIntentId'],
      ['payouts', 'paymentIntentId'],
      ['payouts', 'idempotencyKey'],
      ['payouts', 'lastError'],
      ['payouts', 'manualReason'],
      ['users', 'payment.stripeCustomerId'],
      ['reminder-logs', 'error'],
    ] as const) {
      for (const role of ['customer', 'provider'] as const) {
        for (const relation of ['party', 'self', 'recipient'] as const) expect(canReadField(collection, path, role, relation)).toBe(false)
      }
      expect(canReadField(collection, path, 'ops', null)).toBe(true)
    }
  })

  it('a reminder log is readable by its recipient, its delivery internals by Ops only', () => {
    expect(canReadField('reminder-logs', 'recipientAddress', 'customer', 'recipient')).toBe(true)
    expect(canReadField('reminder-logs', 'body', 'provider', 'recipient')).toBe(true)
    expect(canReadField('reminder-logs', 'recipientAddress', 'provider', 'party')).toBe(false)
    expect(canReadField('reminder-logs', 'claimedBy', 'customer', 'recipient')).toBe(false)
  })

  it('no relation, no role: nothing; ids and timestamps come with any readable record', () => {
    expect(canReadField('jobs', 'title', 'provider', null)).toBe(false)
    expect(canReadField('jobs', 'title', null, 'own')).toBe(false)
    expect(canReadField('jobs', 'id', 'provider', 'visible')).toBe(true)
    expect(canReadField('worker-heartbeats', 'host', 'customer', 'party')).toBe(false)
  })

  it('a group or array path is decided by its own rule, or by every rule inside it', () => {
    expect(rulesFor('users', 'payment.stripeCustomerId')).toEqual([FIELD_POLICY.users.fields.payment])
    expect(rulesFor('jobs', 'preferredWindows.start')).toEqual([FIELD_POLICY.jobs.fields.preferredWindows])
    expect(rulesFor('jobs', 'serviceAddress')).toHaveLength(7)
    expect(canReadField('jobs', 'serviceAddress', 'provider', 'visible')).toBe(false)
    expect(canReadField('jobs', 'serviceAddress', 'provider', 'assigned')).toBe(true)
    expect(rulesFor('jobs', 'nonsense')).toEqual([])
    expect(canReadField('jobs', 'nonsense', 'customer', 'own')).toBe(false)
  })
})

describe('filtering and sorting: only on what the viewer reads on every record they can see', () => {
  it('a provider may filter jobs by city but not by street or postal code', () => {
    expect(canReadFieldInEveryRelation('jobs', 'serviceAddress.city', 'provider')).toBe(true)
    expect(canReadFieldInEveryRelation('jobs', 'serviceAddress.line1', 'provider')).toBe(false) // readable on assigned jobs only
    expect(canReadFieldInEveryRelation('jobs', 'serviceAddress.postalCode', 'provider')).toBe(false)
    expect(canReadFieldInEveryRelation('jobs', 'serviceAddress.line1', 'customer')).toBe(true)
  })

  it("a customer may not sort users by email (the providers who only quoted don't show theirs)", () => {
    expect(canReadFieldInEveryRelation('users', 'email', 'customer')).toBe(false)
    expect(canReadFieldInEveryRelation('users', 'name', 'customer')).toBe(true)
  })

  it('Ops may filter on anything; anonymous on nothing; nobody but Ops on worker heartbeats', () => {
    expect(canReadFieldInEveryRelation('payouts', 'idempotencyKey', 'ops')).toBe(true)
    expect(canReadFieldInEveryRelation('jobs', 'title', null)).toBe(false)
    expect(canReadFieldInEveryRelation('worker-heartbeats', 'host', 'provider')).toBe(false)
  })
})

describe("a viewer's relation to a record, from the record", () => {
  it('jobs: own for its customer; visible, assigned or finished for a provider', () => {
    expect(relationTo('jobs', customer, { customer: 10, status: 'open' })).toBe('own')
    expect(relationTo('jobs', customer, { customer: { id: 11 }, status: 'open' })).toBeNull()
    expect(relationTo('jobs', provider, { customer: 10, status: 'open', excludedProviders: [] })).toBe('visible')
    expect(relationTo('jobs', provider, { status: 'assigned', assignedProvider: 20 })).toBe('assigned')
    expect(relationTo('jobs', provider, { status: 'assigned', assignedProvider: { id: 20, name: 'P' } })).toBe('assigned')
    expect(relationTo('jobs', provider, { status: 'completed', assignedProvider: 20 })).toBe('finished')
    expect(relationTo('jobs', provider, { status: 'cancelled', assignedProvider: 20 })).toBe('finished')
    expect(relationTo('jobs', provider, { status: 'assigned', assignedProvider: 21 })).toBeNull()
    // a record read without the fields the rule needs gives the least: nothing
    expect(relationTo('jobs', provider, { title: 'x' })).toBeNull()
  })

  it('records with parties: party when the viewer is the one of their role', () => {
    expect(relationTo('assignments', customer, { customer: 10, provider: 20 })).toBe('party')
    expect(relationTo('assignments', provider, { customer: 10, provider: 20 })).toBe('party')
    expect(relationTo('assignments', { id: 10, role: 'provider' }, { customer: 10, provider: 20 })).toBeNull()
    expect(relationTo('quotes', provider, { customer: 10, provider: 21 })).toBeNull()
  })

  it('reminder logs: recipient only — being the party of the row is not enough', () => {
    expect(relationTo('reminder-logs', customer, { recipient: 10, customer: 10, provider: 20 })).toBe('recipient')
    expect(relationTo('reminder-logs', provider, { recipient: 10, customer: 10, provider: 20 })).toBeNull()
  })

  it('users: self, or the strongest dealing between the two', () => {
    const others = counterpartiesFrom([
      { other: 20, kind: 'quote' },
      { other: 20, kind: 'assignment', status: 'verified' },
      { other: 21, kind: 'quote' },
      { other: 22, kind: 'assignment', status: 'cancelled' },
      { other: 22, kind: 'assignment', status: 'scheduled' },
      { other: 23, kind: 'assignment', status: 'disputed' },
    ])
    expect(Object.fromEntries(others)).toEqual({ 20: 'finished', 21: 'quoted', 22: 'assigned', 23: 'assigned' })
    expect(relationTo('users', customer, { id: 10 }, others)).toBe('self')
    expect(relationTo('users', customer, { id: 21 }, others)).toBe('quoted')
    expect(relationTo('users', customer, { id: 99 }, others)).toBeNull()
  })
})

describe('the table itself', () => {
  it('what decides the relation is readable in every relation (Payload checks group fields after stripping the rest)', () => {
    for (const collection of POLICED_COLLECTIONS) {
      const { relations, relationKeys } = FIELD_POLICY[collection]
      for (const role of Object.keys(relations) as ('customer' | 'provider')[]) {
        for (const key of relationKeys) expect([collection, role, key, canReadFieldInEveryRelation(collection, key, role)]).toEqual([collection, role, key, true])
      }
    }
  })

  it('every rule names only relations its role can have to the collection', () => {
    for (const collection of POLICED_COLLECTIONS) {
      const { relations, fields } = FIELD_POLICY[collection]
      for (const [path, rule] of Object.entries(fields as Record<string, FieldRule>)) {
        for (const role of ['customer', 'provider'] as const) {
          const possible = (relations as Partial<Record<string, readonly string[]>>)[role] ?? []
          for (const relation of rule[role] ?? []) expect([collection, path, role, possible.includes(relation)]).toEqual([collection, path, role, true])
        }
      }
    }
  })

  it('docs/access-control.md carries the table as the module states it', () => {
    const doc = readFileSync(path.resolve(process.cwd(), 'docs/access-control.md'), 'utf8')
    expect(doc).toContain(TABLE_START)
    expect(doc).toContain(TABLE_END)
    // if this fails, run: npx tsx scripts/field-policy-doc.ts
    expect(withFieldPolicyTable(doc)).toBe(doc)
    expect(doc).toContain(fieldPolicyTable())
  })
})
