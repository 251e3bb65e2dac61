import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

import { sameForEveryGroup } from '../domain/notificationPreferences'
import { addDays, localDate, localParts, zonedTimeToUtc } from '../domain/zonedTime'

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
const pad = (n: number) => String(n).padStart(2, '0')

/** `HH:00` on the day `days` after `now`'s day in `timeZone`, as an ISO instant: demo visits keep working hours. */
const localAt = (now: Date, timeZone: string, days: number, hour: number) =>
  zonedTimeToUtc(addDays(localDate(now, timeZone), days), `${pad(hour)}:00`, timeZone).toISOString()

/**
 * The latest visit of `hours` inside working hours (09:00–17:00 local, on the hour) that ended by `by`: a finished
 * demo visit took place when a tradesperson works, whatever time the seed runs.
 */
export function visitEndedBy(by: Date, hours: number, timeZone: string): { start: string; end: string } {
  let day = localDate(by, timeZone)
  let end = Math.min(17, localParts(by, timeZone).hour)
  if (end - hours < 9) {
    day = addDays(day, -1)
    end = 17
  }
  const at = (hour: number) => zonedTimeToUtc(day, `${pad(hour)}:00`, timeZone).toISOString()
  return { start: at(end - hours), end: at(end) }
}

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
  const NEW_YORK = 'America/New_York'
  const BERLIN = 'Europe/Berlin'
  // real-looking places: a street per job, the city's own postcode format
  const address = (line1: string, berlin: boolean) =>
    berlin ? { line1, city: 'Berlin', country: 'DE', postalCode: '10437' } : { line1, city: 'New York', country: 'US', postalCode: '10025' }
  const zoneOf = (customer: { id: number }) => (customer === bob ? BERLIN : NEW_YORK)

  const job = (customer: { id: number }, title: string, description: string, line1: string, extra: Record<string, unknown> = {}) =>
    payload.create({
      collection: 'jobs',
      data: {
        customer: customer.id,
        title,
        description,
        serviceAddress: address(line1, customer === bob),
        timeZone: zoneOf(customer),
        // a morning three days out, in the customer's own zone
        preferredWindows: [{ start: localAt(now, zoneOf(customer), 3, 9), end: localAt(now, zoneOf(customer), 3, 13) }],
        ...extra,
      },
      ...opts,
    })
  // what each provider writes with a quote
  const QUOTE_NOTES = new Map<{ id: number }, string>([
    [pat, 'Parts included. I can come any weekday morning this week.'],
    [quinn, 'Fully insured; I can usually start within two days.'],
    [riley, 'Price includes materials and cleaning up afterwards.'],
  ])
  const quote = (j: { id: number }, provider: { id: number }, amount: number, status = 'pending') =>
    payload.create({
      collection: 'quotes',
      data: { job: j.id, provider: provider.id, amount, currency: 'USD', message: QUOTE_NOTES.get(provider) ?? 'Happy to help.', status: status as 'pending' },
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
  const leak = await job(alice, 'Fix leaking kitchen tap', 'The kitchen mixer tap drips all night, even when turned off hard. Single-lever, about ten years old.', '214 West 96th Street, Apt 5B')
  await quote(leak, pat, 12_500)
  await quote(leak, quinn, 14_000)

  // assigned, visit not yet scheduled
  const fence = await job(alice, 'Repair garden fence', 'Two fence panels blew down in the storm and one post is loose. Panels are in the back garden.', '214 West 96th Street, Apt 5B', { status: 'assigned', assignedProvider: pat.id })
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
        { start: localAt(now, NEW_YORK, 2, 14), end: localAt(now, NEW_YORK, 2, 16) },
        { start: localAt(now, NEW_YORK, 3, 14), end: localAt(now, NEW_YORK, 3, 16) },
      ],
      timeZone: 'America/New_York',
      note: 'Either afternoon works for me.',
      status: 'open',
    },
    ...opts,
  })

  // assigned and scheduled for tomorrow, at this time of day: the reminder tests book off it (a day-before reminder
  // due now), so it alone keeps the clock of the run rather than working hours
  const lights = await job(bob, 'Install ceiling lights', 'Three ceiling lights for the living room and hall; fittings bought, wiring already there.', 'Schönhauser Allee 112', { status: 'assigned', assignedProvider: riley.id })
  const lightsQuote = await quote(lights, riley, 22_000, 'accepted')
  await assignment(lights, lightsQuote, riley, {
    status: 'scheduled',
    scheduledStart: at(DAY),
    scheduledEnd: at(DAY + 2 * HOUR),
    timestamps: { acceptedAt: at(-2 * DAY), scheduledAt: at(-DAY) },
  })

  // the visit ended half an hour ago and the provider has not marked it complete yet (relative to now as well: the
  // completion nudges are timed from its end)
  const fan = await job(alice, 'Replace bathroom fan', 'The bathroom extractor fan rattles and no longer clears the steam. Same size replacement is fine.', '214 West 96th Street, Apt 5B', { status: 'assigned', assignedProvider: pat.id })
  const fanQuote = await quote(fan, pat, 16_000, 'accepted')
  await assignment(fan, fanQuote, pat, {
    status: 'scheduled',
    scheduledStart: at(-150 * 60_000),
    scheduledEnd: at(-30 * 60_000),
    timestamps: { acceptedAt: at(-3 * DAY), scheduledAt: at(-2 * DAY) },
  })

  // visit done, provider marked it complete, waiting for the customer
  const paintVisit = visitEndedBy(new Date(now.getTime() - DAY), 4, NEW_YORK)
  const paint = await job(alice, 'Paint the hallway', 'Hallway walls and ceiling, about 12 m², in the same off-white. Furniture is already moved out.', '214 West 96th Street, Apt 5B', { status: 'assigned', assignedProvider: quinn.id })
  const paintQuote = await quote(paint, quinn, 45_000, 'accepted')
  const paintAssignment = await assignment(paint, paintQuote, quinn, {
    status: 'completed',
    scheduledStart: paintVisit.start,
    scheduledEnd: paintVisit.end,
    timestamps: { acceptedAt: at(-5 * DAY), scheduledAt: at(-4 * DAY), providerCompletedAt: at(-DAY) },
    completionChecklist: { items: ['Two coats', 'Cleaned up'], note: 'Walls dry by tonight.' },
  })

  // the day-before reminder went out a day before the visit
  const paintReminderAt = new Date(Date.parse(paintVisit.start) - DAY).toISOString()
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
        scheduledFor: paintReminderAt,
        attempts: status === 'sent' ? 1 : 0,
        sentAt: status === 'sent' ? paintReminderAt : null,
      },
      ...opts,
    })
  }

  // verified by the customer, payout waiting for Ops (no Stripe keys in dev)
  const boilerVisit = visitEndedBy(new Date(now.getTime() - 3 * DAY + 2 * HOUR), 2, BERLIN)
  const boiler = await job(bob, 'Service the boiler', 'Yearly service of a gas combi boiler before winter; it was last serviced in October.', 'Schönhauser Allee 112', { status: 'completed', assignedProvider: pat.id })
  const boilerQuote = await quote(boiler, pat, 18_000, 'accepted')
  const boilerAssignment = await assignment(boiler, boilerQuote, pat, {
    status: 'verified',
    payoutStatus: 'pending_review',
    scheduledStart: boilerVisit.start,
    scheduledEnd: boilerVisit.end,
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
  const tilesVisit = visitEndedBy(new Date(now.getTime() - 4 * DAY + 3 * HOUR), 3, NEW_YORK)
  const tiles = await job(alice, 'Regrout bathroom tiles', 'The grout around the shower tray is black and crumbling; about 4 m² of wall tiles.', '214 West 96th Street, Apt 5B', { status: 'assigned', assignedProvider: riley.id })
  const tilesQuote = await quote(tiles, riley, 27_500, 'accepted')
  await assignment(tiles, tilesQuote, riley, {
    status: 'disputed',
    disputeReason: 'Grout is already cracking in one corner.',
    scheduledStart: tilesVisit.start,
    scheduledEnd: tilesVisit.end,
    timestamps: { acceptedAt: at(-7 * DAY), scheduledAt: at(-6 * DAY), providerCompletedAt: at(-4 * DAY + 3 * HOUR) },
  })

  // rejected by the provider: the job is open again without them
  const gutter = await job(bob, 'Clear gutters', 'Gutters on a three-storey house are full of leaves and overflow when it rains.', 'Schönhauser Allee 112', { excludedProviders: [quinn.id] })
  const gutterQuote = await quote(gutter, quinn, 9_000, 'accepted')
  await assignment(gutter, gutterQuote, quinn, {
    status: 'rejected',
    rejectionReason: 'Ladder too short for a three-storey house.',
    timestamps: { acceptedAt: at(-3 * DAY), rejectedAt: at(-2 * DAY) },
  })
  await quote(gutter, pat, 11_000)

  // cancelled by the customer
  await job(alice, 'Assemble wardrobe', 'A flat-pack double wardrobe, still in its boxes in the bedroom.', '214 West 96th Street, Apt 5B', { status: 'cancelled' })
}
