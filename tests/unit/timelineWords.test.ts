import { describe, expect, it } from '@jest/globals'

import { describeEvent } from '../../src/components/fulfillment/timeline'

/** The site's timelines say who did what in words: the reader's own steps "by you", others by name, never a key. */
describe('describeEvent', () => {
  const event = { entity: 'quotes', action: 'create', fromState: null, toState: 'pending', actorRole: 'provider' as const, actor: 7 }

  it('names the person the reader knows, and says "you" for the reader', () => {
    expect(describeEvent(event, 'customer', { '7': 'Quinn Electric' })).toMatchObject({ what: 'Quote created', change: 'Pending', by: 'by Quinn Electric' })
    expect(describeEvent(event, 'provider', { '7': 'Quinn Electric' }).by).toBe('by you')
  })

  it('falls back to the role in words when the name is not known, and the system acts "automatically"', () => {
    expect(describeEvent(event, 'customer').by).toBe('by the provider')
    expect(describeEvent({ ...event, actorRole: 'system', actor: null }, 'customer').by).toBe('automatically')
  })

  it('says states and actions in words: no lifecycle key, no event name', () => {
    const d = describeEvent({ entity: 'assignments', action: 'confirmSchedule', fromState: 'pending_schedule', toState: 'scheduled', actorRole: 'customer', actor: 3 }, 'provider', { '3': 'Dana Field' })
    expect(d).toEqual({ what: 'Assignment visit booked', change: 'Waiting for a visit time → Visit booked', actor: 'Dana Field', by: 'by Dana Field' })
    expect(JSON.stringify(d)).not.toMatch(/[a-z]+_[a-z]+|[A-Z][a-z]+[A-Z]/)
  })
})
