/**
 * Every action a client (customer, provider, Ops, an integrator) can take, as the HTTP route that runs it. The
 * collections mount these; the Ops console and the lifecycle walk test find an action's route here.
 */
import type { CollectionSlug } from 'payload'

import { acceptQuote } from './acceptQuote'
import { cancelAssignment } from './cancelAssignment'
import { cancelJob } from './cancelJob'
import { completeAssignment } from './completeAssignment'
import { confirmSchedule } from './confirmSchedule'
import { declineProposal } from './declineProposal'
import { declineQuote, withdrawQuote } from './declineQuote'
import { disputeAssignment } from './disputeAssignment'
import { actionEndpoint, type ActionSpec } from './pipeline'
import { arrived, onMyWay } from './onMyWay'
import { attendVisit } from './attendVisit'
import { proposeSchedule } from './proposeSchedule'
import { rejectAssignment } from './rejectAssignment'
import { requeueAssignment } from './requeueAssignment'
import { resolveDispute } from './resolveDispute'
import { approvePayout, rejectPayout, retryCapture, sendPayoutToReview } from './reviewPayout'
import { verifyAssignment } from './verifyAssignment'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list of every action, whatever its input
type AnySpec = ActionSpec<any, any>
export type ActionRoute = { collection: CollectionSlug; path: string; spec: AnySpec }

const route = (collection: CollectionSlug, path: string, spec: AnySpec): ActionRoute => ({ collection, path, spec })

/** `collection` is the collection the route is mounted on: POST /api/<collection><path>. */
export const ACTION_ROUTES: readonly ActionRoute[] = [
  route('jobs', '/:id/schedule', proposeSchedule),
  route('jobs', '/:id/cancel', cancelJob),
  route('quotes', '/:id/accept', acceptQuote),
  route('quotes', '/:id/decline', declineQuote),
  route('quotes', '/:id/withdraw', withdrawQuote),
  route('assignments', '/:id/schedule/confirm', confirmSchedule),
  route('assignments', '/:id/cancel', cancelAssignment),
  route('assignments', '/:id/requeue', requeueAssignment),
  route('assignments', '/:id/on-my-way', onMyWay),
  route('assignments', '/:id/arrived', arrived),
  route('assignments', '/:id/attend', attendVisit),
  route('assignments', '/:id/complete', completeAssignment),
  route('assignments', '/:id/verify', verifyAssignment),
  route('assignments', '/:id/dispute', disputeAssignment),
  route('assignments', '/:id/resolve', resolveDispute),
  route('assignments', '/:id/reject', rejectAssignment),
  route('schedule-proposals', '/:id/decline', declineProposal),
  route('payouts', '/:id/approve', approvePayout),
  route('payouts', '/:id/reject', rejectPayout),
  route('payouts', '/:id/send-to-review', sendPayoutToReview),
  route('payouts', '/:id/retry-capture', retryCapture),
]

/** The Payload endpoints of one collection's actions. */
export const actionEndpointsOf = (collection: CollectionSlug) =>
  ACTION_ROUTES.filter((r) => r.collection === collection).map((r) => actionEndpoint(r.spec, r.path))
