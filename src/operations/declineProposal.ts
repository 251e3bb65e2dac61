import { forbidden } from '../utilities/errors'
import { optionalText } from './input'
import type { ActionSpec } from './pipeline'

/** The other side turns a proposal down without booking a window (they may propose their own instead). */
export const declineProposal: ActionSpec<'schedule-proposals', { note: string | null }> = {
  doc: {
    summary: 'The other side declines an open proposal of visit windows.',
    body: { note: { type: 'string', description: 'Why (at most 1000 characters).' } },
  },
  machine: 'proposal',
  collection: 'schedule-proposals',
  action: 'decline',
  event: 'proposal.declined',
  input: (body) => ({ note: optionalText(body, 'note', 'The note', 1000) }),
  parents: (p) => ({ assignments: p.assignment }),
  guard: ({ subject, actor, input, facts }) => {
    if (subject.proposerRole === actor) throw forbidden('You cannot decline your own proposal: propose new times instead.')
    facts.note = input.note
    facts.assignmentId = subject.assignment
  },
}
