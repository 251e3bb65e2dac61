/** The next step each list shows per row, for its reader, and the order it puts them in. */
import { describe, expect, it } from '@jest/globals'

import { byNextStep, customerNextStep, providerNextStep, type StepFacts } from '../../src/domain/nextStep'

const now = new Date('2027-03-10T14:00:00Z') // 9:00 EST in New York (daylight time starts March 14)
const base: StepFacts = { jobStatus: 'assigned', timeZone: 'America/New_York', now }
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000)

describe('what the customer’s job needs', () => {
  it.each([
    [{ jobStatus: 'open', pendingQuotes: 2 }, '2 quotes to review', true],
    [{ jobStatus: 'open', pendingQuotes: 1 }, '1 quote to review', true],
    [{ jobStatus: 'open', pendingQuotes: 0 }, 'Waiting for quotes', false],
    [{ assignmentStatus: 'pending_schedule', openProposalBy: 'provider' }, 'Confirm a time', true],
    [{ assignmentStatus: 'pending_schedule', openProposalBy: 'customer', otherName: 'Pat Plumber' }, 'Waiting for Pat Plumber to confirm a time', false],
    [{ assignmentStatus: 'pending_schedule' }, 'Propose a visit time', true],
    [{ assignmentStatus: 'scheduled', scheduledStart: hours(2), scheduledEnd: hours(4) }, 'Visit today 11:00 AM – 1:00 PM EST', false],
    [{ assignmentStatus: 'scheduled', scheduledStart: hours(48), scheduledEnd: hours(50) }, 'Visit Fri, Mar 12, 2027, 9:00 – 11:00 AM EST', false],
    [{ assignmentStatus: 'scheduled', scheduledStart: hours(-3), scheduledEnd: hours(-1), otherName: 'Pat Plumber' }, 'Waiting for Pat Plumber to mark the work complete', false],
    [{ assignmentStatus: 'completed' }, 'Check the work and verify', true],
    [{ assignmentStatus: 'disputed' }, 'Problem reported: Ops will contact you', false],
    [{ assignmentStatus: 'verified', jobStatus: 'completed' }, 'Done', false],
    [{ assignmentStatus: 'cancelled', jobStatus: 'cancelled' }, 'Cancelled', false],
  ] as const)('%j → %s', (facts, text, needsYou) => {
    expect(customerNextStep({ ...base, ...facts })).toMatchObject({ text, needsYou })
  })
})

describe('what the provider’s assignment needs', () => {
  it.each([
    [{ assignmentStatus: 'pending_schedule', openProposalBy: 'customer' }, 'Confirm a time', true],
    [{ assignmentStatus: 'pending_schedule', openProposalBy: 'provider', otherName: 'Alice Customer' }, 'Waiting for Alice Customer to confirm a time', false],
    [{ assignmentStatus: 'pending_schedule' }, 'Propose visit times', true],
    [{ assignmentStatus: 'scheduled', scheduledStart: hours(1), scheduledEnd: hours(3) }, 'Visit today 10:00 AM – 12:00 PM EST', true],
    [{ assignmentStatus: 'scheduled', scheduledStart: hours(-3), scheduledEnd: hours(-1) }, 'Mark the work complete', true],
    [{ assignmentStatus: 'completed' }, 'Waiting for the customer to verify', false],
    [{ assignmentStatus: 'rejected' }, 'Given back', false],
  ] as const)('%j → %s', (facts, text, needsYou) => {
    expect(providerNextStep({ ...base, ...facts })).toMatchObject({ text, needsYou })
  })

  it('orders the day: today’s visit, then what waits on them, then what waits on others, then what is over', () => {
    const rows = [
      { id: 'done', assignmentStatus: 'verified' },
      { id: 'later', assignmentStatus: 'scheduled', scheduledStart: hours(48), scheduledEnd: hours(50) },
      { id: 'confirm', assignmentStatus: 'pending_schedule', openProposalBy: 'customer' as const },
      { id: 'today', assignmentStatus: 'scheduled', scheduledStart: hours(1), scheduledEnd: hours(3) },
      { id: 'gave back', assignmentStatus: 'rejected' },
    ]
    const sorted = byNextStep(rows, (r) => providerNextStep({ ...base, ...r }), (r) => r.scheduledStart?.getTime() ?? 0)
    expect(sorted.map((r) => r.id)).toEqual(['today', 'confirm', 'later', 'done', 'gave back'])
  })
})
