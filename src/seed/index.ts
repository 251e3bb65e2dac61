import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

import { sameForEveryGroup } from '../domain/notificationPreferences'

/** Dev logins printed by `npm run seed` and listed in the README. For local demo data only. */
export const DEV_PASSWORD = 'jobline-dev'
export const DEV_USERS = [
  { email: 'ops@jobline.local', name: 'Olivia Ops', role: 'ops', timeZone: 'America/New_York' },
  { email: 'alice@jobline.local', name: 'Alice Customer', role: 'customer', timeZone: 'America/New_York' },
  { email: 'bob@jobline.local', name: 'Bob Customer', role: 'customer', timeZone: 'Europe/Berlin' },
  { email: 'pat@jobline.local', name: 'Pat Plumber', role: 'provider', timeZone: 'America/New_York' },
  { email: 'quinn@jobline.local', name: 'Quinn Electric', role: 'provider', timeZone: 'America/New_York' },
  { email: 'riley@jobline.local', name: 'Riley Repairs', role: 'provider', timeZone: 'Europe/Berlin' },
] as const

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** True when the database holds no users yet: the first `npm run dev` seeds then. */
export async function isEmpty(payload: Payload): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'users', overrideAccess: true })
  return totalDocs === 0
}

/**
 * Demo data: one Ops user, two customers, three providers, and jobs in every state with their quotes, assignments,
 * proposals and payouts, written as the system (as the actions would have left them).
 */
export async function seed(payload: Payload, now = new Date()): Promise<void> {
  // One transaction: a seed that fails half-way leaves the database empty, so the next start seeds again.
  const req = await createLocalReq({ context: { trusted: true, transition: { action: 'seed', actorRole: 'system' } } }, payload)
  await initTransaction(req)
  try {
    await seedInto(payload, req, now)
    await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

async function seedInto(payload: Payload, req: PayloadRequest, now: Date): Promise<void> {
  const opts = { overrideAccess: true, depth: 0, req }

  const users: Record<string, { id: number }> = {}
  for (const u of DEV_USERS) {
    users[u.email.split('@')[0]] = await payload.create({
      collection: 'users',
      data: { ...u, password: DEV_PASSWORD, notifications: sameForEveryGroup({ email: true, sms: u.role === 'provider' }) },
      ...opts,
    })
  }
  const { alice, bob, pat, quinn, riley } = users
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString()
  const address = (line1: string, city: string, country = 'US') => ({ line1, city, country, postalCode: '10001' })

  const job = (customer: { id: number }, title: string, extra: Record<string, unknown> = {}) =>
    payload.create({
      collection: 'jobs',
      data: {
        customer: customer.id,
        title,
        description: `${title} — demo job`,
        serviceAddress: address('1 Demo Street', customer === bob ? 'Berlin' : 'New York', customer === bob ? 'DE' : 'US'),
        timeZone: customer === bob ? 'Europe/Berlin' : 'America/New_York',
        preferredWindows: [{ start: at(3 * DAY), end: at(3 * DAY + 4 * HOUR) }],
        ...extra,
      },
      ...opts,
    })
  const quote = (j: { id: number }, provider: { id: number }, amount: number, status = 'pending') =>
    payload.create({
      collection: 'quotes',
      data: { job: j.id, provider: provider.id, amount, currency: 'USD', message: 'Happy to help.', status: status as 'pending' },
      ...opts,
    })
  const assignment = (
    j: { id: number; customer: unknown; timeZone?: string | null },
    q: { id: number; amount: number; currency?: string | null },
    provider: { id: number },
    data: Record<string, unknown>,
  ) =>
    payload.create({
      collection: 'assignments',
      data: {
        job: j.id,
        quote: q.id,
        customer: j.customer as number,
        provider: provider.id,
        timeZone: j.timeZone,
        amount: q.amount,
        currency: q.currency ?? 'USD',
        timestamps: { acceptedAt: at(-2 * DAY) },
        ...data,
      } as never, // each demo state sets its own mix of fields
      ...opts,
    })

  // open, with pending quotes waiting for the customer
  const leak = await job(alice, 'Fix leaking kitchen tap')
  await quote(leak, pat, 12_500)
  await quote(leak, quinn, 14_000)

  // assigned, visit not yet scheduled
  const fence = await job(alice, 'Repair garden fence', { status: 'assigned', assignedProvider: pat.id })
  const fenceQuote = await quote(fence, pat, 30_000, 'accepted')
  const fenceAssignment = await assignment(fence, fenceQuote, pat, { status: 'pending_schedule' })
  await payload.create({
    collection: 'schedule-proposals',
    data: {
      assignment: fenceAssignment.id,
      customer: alice.id,
      provider: pat.id,
      proposedBy: pat.id,
      proposerRole: 'provider',
      windows: [
        { start: at(2 * DAY + 14 * HOUR), end: at(2 * DAY + 16 * HOUR) },
        { start: at(3 * DAY + 14 * HOUR), end: at(3 * DAY + 16 * HOUR) },
      ],
      timeZone: 'America/New_York',
      note: 'Either afternoon works for me.',
      status: 'open',
    },
    ...opts,
  })

  // assigned and scheduled for tomorrow
  const lights = await job(bob, 'Install ceiling lights', { status: 'assigned', assignedProvider: riley.id })
  const lightsQuote = await quote(lights, riley, 22_000, 'accepted')
  await assignment(lights, lightsQuote, riley, {
    status: 'scheduled',
    scheduledStart: at(DAY),
    scheduledEnd: at(DAY + 2 * HOUR),
    timestamps: { acceptedAt: at(-2 * DAY), scheduledAt: at(-DAY) },
  })

  // the visit took place this afternoon and the provider has not marked it complete yet
  const fan = await job(alice, 'Replace bathroom fan', { status: 'assigned', assignedProvider: pat.id })
  const fanQuote = await quote(fan, pat, 16_000, 'accepted')
  await assignment(fan, fanQuote, pat, {
    status: 'scheduled',
    scheduledStart: at(-150 * 60_000),
    scheduledEnd: at(-30 * 60_000),
    timestamps: { acceptedAt: at(-3 * DAY), scheduledAt: at(-2 * DAY) },
  })

  // visit done, provider marked it complete, waiting for the customer
  const paint = await job(alice, 'Paint the hallway', { status: 'assigned', assignedProvider: quinn.id })
  const paintQuote = await quote(paint, quinn, 45_000, 'accepted')
  const paintAssignment = await assignment(paint, paintQuote, quinn, {
    status: 'completed',
    scheduledStart: at(-DAY - 4 * HOUR),
    scheduledEnd: at(-DAY),
    timestamps: { acceptedAt: at(-5 * DAY), scheduledAt: at(-4 * DAY), providerCompletedAt: at(-DAY) },
    completionChecklist: { items: ['Two coats', 'Cleaned up'], note: 'Walls dry by tonight.' },
  })

  for (const [kind, status, reason] of [
    ['visit_reminder', 'sent', null],
    ['completion_nudge', 'suppressed', 'completed'],
  ] as const) {
    await payload.create({
      collection: 'reminder-logs',
      data: {
        assignment: paintAssignment.id,
        customer: alice.id,
        provider: quinn.id,
        kind,
        channel: 'email',
        recipient: kind === 'visit_reminder' ? alice.id : quinn.id,
        recipientAddress: kind === 'visit_reminder' ? 'alice@jobline.local' : 'quinn@jobline.local',
        status,
        reason,
        dedupeKey: `seed:${kind}:${paintAssignment.id}`,
        scheduledFor: at(-2 * DAY),
        attempts: status === 'sent' ? 1 : 0,
        sentAt: status === 'sent' ? at(-2 * DAY) : null,
      },
      ...opts,
    })
  }

  // verified by the customer, payout waiting for Ops (no Stripe keys in dev)
  const boiler = await job(bob, 'Service the boiler', { status: 'completed', assignedProvider: pat.id })
  const boilerQuote = await quote(boiler, pat, 18_000, 'accepted')
  const boilerAssignment = await assignment(boiler, boilerQuote, pat, {
    status: 'verified',
    payoutStatus: 'pending_review',
    scheduledStart: at(-3 * DAY),
    scheduledEnd: at(-3 * DAY + 2 * HOUR),
    timestamps: { acceptedAt: at(-6 * DAY), scheduledAt: at(-5 * DAY), providerCompletedAt: at(-3 * DAY + 2 * HOUR), customerVerifiedAt: at(-2 * DAY) },
  })
  await payload.create({
    collection: 'payouts',
    data: {
      reference: `PO-${boilerAssignment.id}`,
      assignment: boilerAssignment.id,
      customer: bob.id,
      provider: pat.id,
      amount: 18_000,
      currency: 'USD',
      method: 'manual',
      status: 'pending_review',
      manualReason: 'No Stripe keys configured: Ops approves the payout by hand.',
    },
    ...opts,
  })

  // disputed by the customer
  const tiles = await job(alice, 'Regrout bathroom tiles', { status: 'assigned', assignedProvider: riley.id })
  const tilesQuote = await quote(tiles, riley, 27_500, 'accepted')
  await assignment(tiles, tilesQuote, riley, {
    status: 'disputed',
    disputeReason: 'Grout is already cracking in one corner.',
    scheduledStart: at(-4 * DAY),
    scheduledEnd: at(-4 * DAY + 3 * HOUR),
    timestamps: { acceptedAt: at(-7 * DAY), scheduledAt: at(-6 * DAY), providerCompletedAt: at(-4 * DAY + 3 * HOUR) },
  })

  // rejected by the provider: the job is open again without them
  const gutter = await job(bob, 'Clear gutters', { excludedProviders: [quinn.id] })
  const gutterQuote = await quote(gutter, quinn, 9_000, 'accepted')
  await assignment(gutter, gutterQuote, quinn, {
    status: 'rejected',
    rejectionReason: 'Ladder too short for a three-storey house.',
    timestamps: { acceptedAt: at(-3 * DAY), rejectedAt: at(-2 * DAY) },
  })
  await quote(gutter, pat, 11_000)

  // cancelled by the customer
  await job(alice, 'Assemble wardrobe', { status: 'cancelled' })
}
