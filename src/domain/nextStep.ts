import { formatWindowInZone, localDate } from './zonedTime'

/**
 * What a job needs from the person looking at their list, in plain words, and how urgent it is: one table per role,
 * so every list and badge says the same thing. `needsYou` marks the rows that wait on this person; `rank` orders a
 * list (lower first): today's visit, then what waits on them, then what waits on others, then what is over. Pure.
 */

export type ListRole = 'customer' | 'provider'

export type StepFacts = {
  /** The job's status (`open`, `assigned`, `completed`, `cancelled`). */
  jobStatus?: string | null
  /** The status of the job's current assignment, if it has one. */
  assignmentStatus?: string | null
  /** Quotes waiting for the customer's answer. */
  pendingQuotes?: number
  /** Who proposed the open proposal of times, if there is one (Ops propose for nobody). */
  openProposalBy?: string | null
  scheduledStart?: Date | null
  scheduledEnd?: Date | null
  /** The other party's name as the reader may see it ("Pat Plumber"), for "waiting for Pat". */
  otherName?: string | null
  timeZone: string
  now: Date
}

export type NextStep = { text: string; needsYou: boolean; rank: number }

const RANK = { today: 0, yours: 1, proposeOrMark: 2, attention: 3, others: 4, waiting: 5, done: 8, over: 9 } as const

const visitText = (f: StepFacts) =>
  f.scheduledStart && f.scheduledEnd ? formatWindowInZone({ start: f.scheduledStart, end: f.scheduledEnd }, f.timeZone) : ''

const isToday = (f: StepFacts) => Boolean(f.scheduledStart && localDate(f.scheduledStart, f.timeZone) === localDate(f.now, f.timeZone))

/** "10:00 AM – 12:00 PM EST" of today's visit: the window without its date. */
const todayText = (f: StepFacts) => visitText(f).replace(/^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4}, /, '')

const waitingFor = (f: StepFacts, who: string) => (f.otherName ? `Waiting for ${f.otherName}` : `Waiting for ${who}`)

/** What the customer's job needs now. */
export function customerNextStep(f: StepFacts): NextStep {
  const a = f.assignmentStatus ?? null
  if (f.jobStatus === 'cancelled' || a === 'cancelled') return { text: 'Cancelled', needsYou: false, rank: RANK.over }
  if (f.jobStatus === 'open' || !a || a === 'rejected') {
    const n = f.pendingQuotes ?? 0
    if (n > 0) return { text: n === 1 ? '1 quote to review' : `${n} quotes to review`, needsYou: true, rank: RANK.yours }
    return { text: 'Waiting for quotes', needsYou: false, rank: RANK.waiting }
  }
  switch (a) {
    case 'pending_schedule':
      if (f.openProposalBy === 'provider') return { text: 'Confirm a time', needsYou: true, rank: RANK.yours }
      if (f.openProposalBy === 'customer') return { text: `${waitingFor(f, 'your provider')} to confirm a time`, needsYou: false, rank: RANK.others }
      return { text: 'Propose a visit time', needsYou: true, rank: RANK.proposeOrMark }
    case 'scheduled':
      if (f.scheduledEnd && f.scheduledEnd.getTime() < f.now.getTime()) return { text: `${waitingFor(f, 'your provider')} to mark the work complete`, needsYou: false, rank: RANK.others }
      if (isToday(f)) return { text: `Visit today ${todayText(f)}`, needsYou: false, rank: RANK.today }
      return { text: `Visit ${visitText(f)}`, needsYou: false, rank: RANK.others }
    case 'completed':
      return { text: 'Check the work and verify', needsYou: true, rank: RANK.yours }
    case 'disputed':
      return { text: 'Problem reported: Ops will contact you', needsYou: false, rank: RANK.attention }
    case 'verified':
      return { text: 'Done', needsYou: false, rank: RANK.done }
    default:
      return { text: 'In progress', needsYou: false, rank: RANK.others }
  }
}

/** What the provider's assignment needs now. */
export function providerNextStep(f: StepFacts): NextStep {
  switch (f.assignmentStatus) {
    case 'pending_schedule':
      if (f.openProposalBy === 'customer') return { text: 'Confirm a time', needsYou: true, rank: RANK.yours }
      if (f.openProposalBy === 'provider') return { text: `${waitingFor(f, 'the customer')} to confirm a time`, needsYou: false, rank: RANK.others }
      return { text: 'Propose visit times', needsYou: true, rank: RANK.proposeOrMark }
    case 'scheduled':
      if (f.scheduledStart && f.scheduledStart.getTime() <= f.now.getTime()) return { text: 'Mark the work complete', needsYou: true, rank: isToday(f) ? RANK.today : RANK.yours }
      if (isToday(f)) return { text: `Visit today ${todayText(f)}`, needsYou: true, rank: RANK.today }
      return { text: `Visit ${visitText(f)}`, needsYou: false, rank: RANK.others }
    case 'completed':
      return { text: `${waitingFor(f, 'the customer')} to verify`, needsYou: false, rank: RANK.waiting }
    case 'disputed':
      return { text: 'Problem reported: Ops will contact you', needsYou: false, rank: RANK.attention }
    case 'verified':
      return { text: 'Done', needsYou: false, rank: RANK.done }
    case 'rejected':
      return { text: 'Given back', needsYou: false, rank: RANK.over }
    case 'cancelled':
      return { text: 'Cancelled', needsYou: false, rank: RANK.over }
    default:
      return { text: 'In progress', needsYou: false, rank: RANK.others }
  }
}

/** A list in the order people work through it: by rank, then the sooner visit (or the newer record) first. */
export function byNextStep<T>(rows: T[], step: (row: T) => NextStep, when: (row: T) => number): T[] {
  return [...rows].sort((x, y) => step(x).rank - step(y).rank || when(x) - when(y))
}
