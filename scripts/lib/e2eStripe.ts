/**
 * Stripe for the browser tests: the real `stripe` SDK of the app talks to the local fake (tests/helpers/stripeFake.ts),
 * which the tests read over HTTP (`GET <fake>/_fake/state`) to see what the app asked of Stripe.
 */
import { createLocalReq, type Payload } from 'payload'

import { PaymentsService } from '../../src/services/payments'
import { StripeFake } from '../../tests/helpers/stripeFake'

/** The test key the app runs with; a test key is what lets a production build talk to a loopback fake. */
export const E2E_STRIPE_KEY = 'sk_test_jobline_e2e'

/** Starts the fake on `port` and points this process's (and its children's) Stripe configuration at it. */
export async function startStripeFakeForE2E(port: number): Promise<StripeFake> {
  const fake = await StripeFake.start(port)
  process.env.STRIPE_SECRET_KEY = E2E_STRIPE_KEY
  process.env.STRIPE_API_BASE = fake.url
  console.log(`Stripe fake on ${fake.url} (the app's STRIPE_API_BASE)`)
  return fake
}

/** The seed's disputed job ("Regrout bathroom tiles"): its customer's card is held, as acceptance would have done. */
export const HELD_DISPUTE_TITLE = 'Regrout bathroom tiles'

/**
 * Holds the card for the seeded dispute through the app's own authorisation (a PaymentIntent in the fake), so
 * resolving it as cancelled has a hold to release. The customer's saved card is only lent for this: without one, the
 * other browser tests' acceptances hold nothing and their payouts wait for Ops as before.
 */
export async function holdCardForSeededDispute(payload: Payload): Promise<void> {
  const sys = { overrideAccess: true, depth: 0 } as const
  const { docs: jobs } = await payload.find({ collection: 'jobs', where: { title: { equals: HELD_DISPUTE_TITLE } }, limit: 1, ...sys })
  const { docs } = await payload.find({ collection: 'assignments', where: { job: { equals: jobs[0]?.id ?? 0 } }, limit: 1, ...sys })
  const assignment = docs[0]
  if (!assignment) throw new Error(`The seed has no assignment for "${HELD_DISPUTE_TITLE}".`)
  const customer = Number(assignment.customer)
  await payload.update({ collection: 'users', id: customer, data: { payment: { paymentMethodId: 'pm_card_visa' } }, ...sys })
  try {
    const req = await createLocalReq({}, payload)
    const held = await PaymentsService.authorizeForAssignment(req, { assignmentId: assignment.id })
    if (held.status !== 'authorized') throw new Error(`No card hold for the seeded dispute: ${JSON.stringify(held)}`)
  } finally {
    await payload.update({ collection: 'users', id: customer, data: { payment: { paymentMethodId: null } }, ...sys })
  }
}
