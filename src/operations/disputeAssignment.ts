import { requiredText } from './input'
import type { ActionSpec } from './pipeline'

/** The customer says the completed work is not right: no money moves until Ops resolve it. */
export const disputeAssignment: ActionSpec<'assignments', { reason: string }> = {
  doc: {
    summary: 'The customer disputes completed work; Ops and the provider are told.',
    body: { reason: { type: 'string', required: true, description: 'What is wrong (at most 2000 characters).' } },
  },
  machine: 'assignment',
  collection: 'assignments',
  action: 'dispute',
  event: 'assignment.disputed',
  input: (body) => ({ reason: requiredText(body, 'reason', 'A reason for the dispute') }),
  write: (ctx) => {
    ctx.facts.reason = ctx.input.reason
    return { disputeReason: ctx.input.reason }
  },
}
