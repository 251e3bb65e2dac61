/** Records the payment tests start from, written as the system would have left them, and a way to run queued jobs. */
import { createLocalReq, type Payload } from 'payload'

import { PaymentsService } from '../../src/services/payments'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const systemContext = { trusted: true, transition: { action: 'test', actorRole: 'system' } }
const asSystem = { overrideAccess: true, depth: 0, context: systemContext } as const

let counter = 0

export type Made = { jobId: number; quoteId: number; assignmentId: number }

/**
 * A job with an accepted quote and its assignment in `status`. Scheduled ones get a visit `daysAhead` days out (each
 * call a different day, so a provider's visits never overlap); completed ones were completed `completedDaysAgo` ago.
 */
export async function makeAssignment(
  payload: Payload,
  {
    customerId,
    providerId,
    status,
    amount = 20_000,
    completedDaysAgo = 1,
  }: { customerId: number; providerId: number; status: 'pending_schedule' | 'scheduled' | 'completed'; amount?: number; completedDaysAgo?: number },
): Promise<Made> {
  const n = ++counter
  const now = Date.now()
  const job = await payload.create({
    collection: 'jobs',
    data: {
      customer: customerId,
      title: `Payments test job ${n}`,
      serviceAddress: { line1: `${n} Test Street`, city: 'New York', country: 'US' },
      timeZone: 'America/New_York',
      status: 'assigned',
      assignedProvider: providerId,
    },
    ...asSystem,
  })
  const quote = await payload.create({
    collection: 'quotes',
    data: { job: job.id, provider: providerId, amount, currency: 'USD', status: 'accepted' },
    ...asSystem,
  })
  const start = new Date(now + (30 + n) * DAY)
  const visit =
    status === 'scheduled'
      ? { scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 2 * HOUR).toISOString() }
      : status === 'completed'
        ? {
            scheduledStart: new Date(now - (completedDaysAgo + 0.5) * DAY).toISOString(),
            scheduledEnd: new Date(now - completedDaysAgo * DAY - HOUR).toISOString(),
          }
        : {}
  const assignment = await payload.create({
    collection: 'assignments',
    data: {
      job: job.id,
      quote: quote.id,
      customer: customerId,
      provider: providerId,
      status,
      timeZone: 'America/New_York',
      amount,
      currency: 'USD',
      ...visit,
      timestamps: {
        acceptedAt: new Date(now - 10 * DAY).toISOString(),
        ...(status === 'completed' ? { providerCompletedAt: new Date(now - completedDaysAgo * DAY).toISOString() } : {}),
      },
    } as never, // each state sets its own mix of fields
    ...asSystem,
  })
  return { jobId: job.id, quoteId: quote.id, assignmentId: assignment.id }
}

/** Saves a (test-mode placeholder) card for a customer, as the payment-method setup would. */
export async function givePaymentMethod(payload: Payload, userId: number) {
  await payload.update({
    collection: 'users',
    id: userId,
    data: { payment: { stripeCustomerId: `cus_test_${userId}`, paymentMethodId: 'pm_card_visa' } },
    ...asSystem,
  })
}

/** Holds the customer's card for the assignment, as quote acceptance does. Idempotent. */
export async function authorize(payload: Payload, assignmentId: number) {
  const req = await createLocalReq({ context: systemContext }, payload)
  return PaymentsService.authorizeForAssignment(req, { assignmentId })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs queued jobs (as the worker would) until `done()` holds; jobs waiting for a later time run when it comes. */
export async function runJobsUntil(payload: Payload, done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await payload.jobs.run({ limit: 100, silent: true })
    if (await done()) return
    if (Date.now() > deadline) throw new Error('queued jobs did not reach the expected state in time')
    await sleep(50)
  }
}

/** Runs every job that is due now, until none is left. */
export async function runDueJobs(payload: Payload): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const result = (await payload.jobs.run({ limit: 100, silent: true })) as { noJobsRemaining?: boolean }
    if (result?.noJobsRemaining) return
  }
}

export const payoutOf = async (payload: Payload, assignmentId: number) =>
  (await payload.find({ collection: 'payouts', where: { assignment: { equals: assignmentId } }, overrideAccess: true, depth: 0 })).docs

export const assignmentOf = (payload: Payload, assignmentId: number) =>
  payload.findByID({ collection: 'assignments', id: assignmentId, overrideAccess: true, depth: 0 })

let started = 0

/**
 * A booked visit's time comes: its window is moved over three hours into the past (a two-minute window, a different
 * one each call), so the provider may mark it complete — a data fix as the system, not an action: the version stays.
 * Three hours back is clear of the seeded visit of this afternoon, so it overlaps no other booking.
 */
export async function letVisitStart(payload: Payload, assignmentId: number): Promise<void> {
  const start = Date.now() - (200 + 3 * ++started) * 60_000
  await payload.update({
    collection: 'assignments',
    id: assignmentId,
    data: { scheduledStart: new Date(start).toISOString(), scheduledEnd: new Date(start + 120_000).toISOString() },
    overrideAccess: true,
    context: { ...systemContext, versionSet: true },
  })
}
