/**
 * The access matrix, field by field: anonymous, customer A, customer B, provider 1, provider 2 and Ops × every record
 * of every collection × every field × the relation state between customer A and provider 1 (open: the job is posted;
 * quoted: provider 1 quoted on it; assigned: customer A accepted, provider 1 proposed times; finished: the work was
 * verified and the payout recorded). Each cell is asserted over REST by id and in a list at depth 0, by id at depth 1
 * (populated relations obey their own collection's cells) and over GraphQL.
 *
 * The expectations below are written out here, not derived from src/access/fieldPolicy.ts, so this file can disagree
 * with it. Customer B and provider 2 are strangers to every pair; provider 2 still sees open jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CollectionSlug } from 'payload'

import { PREFERENCE_GROUPS } from '../../src/domain/notificationPreferences'
import { applyFieldPolicy } from '../../src/access/applyFieldPolicy'
import { startTestApp, type TestApp } from '../helpers/app'
import { ACTORS, type Actor } from '../helpers/fixtures'
import { COLLECTION_OF, DOC_KEYS, fieldWorld, STATES, type DocKey, type FieldWorld, type Scenario, type State } from '../helpers/fieldWorld'

let app: TestApp
let fw: FieldWorld

beforeAll(async () => {
  app = await startTestApp()
  fw = await fieldWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
})

type Cells = Partial<Record<Actor, readonly State[]>>
const ALL = STATES
const QUOTED_ON = ['quoted', 'assigned', 'finished'] as const
const ASSIGNED_ON = ['assigned', 'finished'] as const
const FINISHED = ['finished'] as const

/** Who can read each record at all, in which states (a record exists only from the state that creates it). */
const DOC: Record<DocKey, Cells> = {
  job: { customerA: ALL, provider1: ALL, provider2: ['open', 'quoted'], ops: ALL },
  quote: { customerA: QUOTED_ON, provider1: QUOTED_ON, ops: QUOTED_ON },
  assignment: { customerA: ASSIGNED_ON, provider1: ASSIGNED_ON, ops: ASSIGNED_ON },
  proposal: { customerA: ASSIGNED_ON, provider1: ASSIGNED_ON, ops: ASSIGNED_ON },
  logToCustomer: { customerA: QUOTED_ON, ops: QUOTED_ON },
  logToProvider: { provider1: QUOTED_ON, ops: QUOTED_ON },
  opsAlert: { ops: QUOTED_ON },
  payout: { customerA: FINISHED, provider1: FINISHED, ops: FINISHED },
  auditEvent: { customerA: QUOTED_ON, provider1: QUOTED_ON, ops: QUOTED_ON },
  customer: { customerA: ALL, provider1: ASSIGNED_ON, ops: ALL },
  provider: { provider1: ALL, customerA: QUOTED_ON, ops: ALL },
  heartbeat: { ops: ALL },
  kpiSnapshot: { ops: ALL },
  webhookEndpoint: { ops: ALL },
  webhookDelivery: { ops: ALL },
}

const each = (paths: string[], cells: Cells): Record<string, Cells> => Object.fromEntries(paths.map((p) => [p, cells]))
const SYSTEM = ['id', 'createdAt', 'updatedAt']
const opsOnly = (states: readonly State[]): Cells => ({ ops: states })

const LOG_FIELDS = (key: DocKey): Record<string, Cells> => ({
  ...each([...SYSTEM, 'assignment', 'quote', 'customer', 'provider', 'kind', 'channel', 'recipient', 'recipientAddress', 'status', 'reason', 'scheduledFor', 'sentAt', 'plannedStart', 'subject', 'body', 'ics', 'icsMethod'], DOC[key]),
  ...each(['dedupeKey', 'attempts', 'error', 'nextAttemptAt', 'claimedBy', 'leaseUntil'], opsOnly(QUOTED_ON)),
})

const NOTIFICATION_FIELDS = [
  ...PREFERENCE_GROUPS.flatMap((g) => [`notifications.${g}.email`, `notifications.${g}.sms`]),
  'notifications.transactional.sms',
  'notifications.quietHours.start',
  'notifications.quietHours.end',
]

const userFields = (self: 'customerA' | 'provider1', other: 'customerA' | 'provider1', otherSeesName: readonly State[]): Record<string, Cells> => ({
  ...each([...SYSTEM, 'collection'], { [self]: ALL, [other]: otherSeesName, ops: ALL }), // Payload adds `collection` to accounts
  ...each(['name', 'role'], { [self]: ALL, [other]: otherSeesName, ops: ALL }),
  ...each(['email', 'phone', 'timeZone'], { [self]: ALL, [other]: ['assigned'], ops: ALL }),
  ...each(['availability.weeklyHours', 'availability.blackoutDates', 'calendarToken', ...NOTIFICATION_FIELDS], { [self]: ALL, ops: ALL }),
  ...each(['payment.stripeCustomerId', 'payment.paymentMethodId', 'credentialsChangedAt'], opsOnly(ALL)),
  sessions: { [self]: ALL }, // Payload's own rule: the account holder only, not even Ops
})

/** Who reads each field of each record, in which states (only where they can read the record at all). */
const FIELDS: Record<DocKey, Record<string, Cells>> = {
  job: {
    ...each([...SYSTEM, 'title', 'description', 'customer', 'serviceAddress.city', 'serviceAddress.region', 'serviceAddress.postalArea', 'serviceAddress.country', 'timeZone', 'status', 'version', 'assignedProvider'], DOC.job),
    ...each(['serviceAddress.line1', 'serviceAddress.line2', 'serviceAddress.postalCode', 'preferredWindows'], { customerA: ALL, provider1: ['assigned'], ops: ALL }),
    excludedProviders: { customerA: ALL, ops: ALL },
  },
  quote: each([...SYSTEM, 'job', 'provider', 'customer', 'amount', 'currency', 'message', 'status', 'version'], DOC.quote),
  assignment: {
    ...each([...SYSTEM, 'label', 'job', 'quote', 'customer', 'provider', 'status', 'scheduledStart', 'scheduledEnd', 'timeZone', 'version', 'payoutStatus', 'amount', 'currency', 'calendarSequence', 'rejectionReason', 'disputeReason', 'completionChecklist'], DOC.assignment),
    ...each(['acceptedAt', 'scheduledAt', 'providerCompletedAt', 'customerVerifiedAt', 'rejectedAt', 'cancelledAt', 'paidAt'].map((t) => `timestamps.${t}`), DOC.assignment),
    ...each(['visitStart', 'onMyWayAt', 'etaMinutes', 'arrivedAt', 'taps', 'notifiedAt'].map((t) => `visitDay.${t}`), DOC.assignment),
    ...each(['overdue', 'overdueFlaggedAt', 'lastReminderAt', 'completionNudgedAt', 'verificationNudgedAt'].map((t) => `reminders.${t}`), opsOnly(ASSIGNED_ON)),
    ...each(['paymentIntentId', 'authorizedAt', 'authorizationExpiresAt', 'expiryWarnedAt', 'releasedAt'].map((t) => `payment.${t}`), opsOnly(ASSIGNED_ON)),
  },
  proposal: each([...SYSTEM, 'assignment', 'customer', 'provider', 'proposedBy', 'proposerRole', 'windows', 'timeZone', 'note', 'status', 'version', 'confirmedWindow.index', 'confirmedWindow.start', 'confirmedWindow.end'], DOC.proposal),
  logToCustomer: LOG_FIELDS('logToCustomer'),
  logToProvider: LOG_FIELDS('logToProvider'),
  opsAlert: LOG_FIELDS('opsAlert'),
  payout: {
    ...each([...SYSTEM, 'reference', 'assignment', 'customer', 'provider', 'amount', 'currency', 'method', 'status', 'reviewedAt', 'version'], DOC.payout),
    note: { provider1: FINISHED, ops: FINISHED },
    ...each(['manualReason', 'paymentIntentId', 'idempotencyKey', 'authorizationExpiresAt', 'attempts', 'nextAttemptAt', 'lastError', 'reviewedBy'], opsOnly(FINISHED)),
  },
  auditEvent: {
    ...each([...SYSTEM, 'entity', 'entityId', 'machine', 'action', 'actor', 'actorRole', 'fromState', 'toState', 'at', 'job', 'customer', 'provider'], DOC.auditEvent),
    data: opsOnly(QUOTED_ON),
    event: opsOnly(QUOTED_ON),
  },
  customer: userFields('customerA', 'provider1', ASSIGNED_ON),
  provider: userFields('provider1', 'customerA', QUOTED_ON),
  heartbeat: each([...SYSTEM, 'workerId', 'host', 'pid', 'startedAt', 'beatAt', 'stats'], opsOnly(ALL)),
  kpiSnapshot: each([...SYSTEM, 'day', 'kpi', 'value', 'source', 'takenAt'], opsOnly(ALL)),
  webhookEndpoint: each([...SYSTEM, 'url', 'events', 'description', 'enabled', 'disabledReason', 'disabledAt', 'consecutiveFailures', 'lastDeliveredAt'], opsOnly(ALL)),
  webhookDelivery: each(
    [...SYSTEM, 'endpoint', 'event', 'eventType', 'entity', 'entityId', 'entityVersion', 'status', 'attempts', 'queuedAt', 'nextAttemptAt', 'lastAttemptAt', 'deliveredAt', 'responseStatus', 'latencyMs', 'error', 'claimedBy', 'leaseUntil'],
    opsOnly(ALL),
  ),
}

/** Group fields (walked into); everything else, arrays and JSON included, is one cell. */
const GROUPS: Partial<Record<CollectionSlug, string[]>> = {
  jobs: ['serviceAddress'],
  assignments: ['reminders', 'timestamps', 'payment', 'visitDay'],
  'schedule-proposals': ['confirmedWindow'],
  users: ['availability', 'payment', 'notifications', ...['reminders', 'nudges', 'schedule', 'transactional', 'quietHours'].map((g) => `notifications.${g}`)],
}

/** Relationship fields and the collection they point to, for checking populated documents at depth 1. */
const RELATIONS: Partial<Record<CollectionSlug, Record<string, CollectionSlug>>> = {
  jobs: { customer: 'users', assignedProvider: 'users', excludedProviders: 'users' },
  quotes: { job: 'jobs', provider: 'users', customer: 'users' },
  assignments: { job: 'jobs', quote: 'quotes', customer: 'users', provider: 'users' },
  'schedule-proposals': { assignment: 'assignments', customer: 'users', provider: 'users', proposedBy: 'users' },
  'reminder-logs': { assignment: 'assignments', quote: 'quotes', customer: 'users', provider: 'users', recipient: 'users' },
  payouts: { assignment: 'assignments', customer: 'users', provider: 'users', reviewedBy: 'users' },
  'audit-events': { actor: 'users', job: 'jobs', customer: 'users', provider: 'users' },
  'webhook-deliveries': { endpoint: 'webhook-endpoints', event: 'events' },
}

const GQL: Partial<Record<CollectionSlug, [string, string]>> = {
  jobs: ['Jobs', 'id createdAt updatedAt title description serviceAddress { line1 line2 city region postalCode postalArea country } timeZone preferredWindows { start end } status'],
  quotes: ['Quotes', 'id createdAt updatedAt amount currency message status'],
  assignments: [
    'Assignments',
    'id createdAt updatedAt label status scheduledStart scheduledEnd timeZone version payoutStatus amount currency calendarSequence rejectionReason disputeReason completionChecklist ' +
      'reminders { overdue overdueFlaggedAt lastReminderAt completionNudgedAt verificationNudgedAt } ' +
      'timestamps { acceptedAt scheduledAt providerCompletedAt customerVerifiedAt rejectedAt cancelledAt paidAt } ' +
      'visitDay { visitStart onMyWayAt etaMinutes arrivedAt taps notifiedAt } ' +
      'payment { paymentIntentId authorizedAt authorizationExpiresAt expiryWarnedAt releasedAt }',
  ],
  'schedule-proposals': ['ScheduleProposals', 'id createdAt updatedAt proposerRole windows { start end } timeZone note status confirmedWindow { index start end }'],
  'reminder-logs': ['ReminderLogs', 'id createdAt updatedAt kind channel recipientAddress status reason dedupeKey scheduledFor attempts error sentAt plannedStart nextAttemptAt claimedBy leaseUntil subject body'],
  payouts: ['Payouts', 'id createdAt updatedAt reference amount currency method status manualReason paymentIntentId idempotencyKey authorizationExpiresAt attempts nextAttemptAt lastError reviewedAt note'],
  'audit-events': ['AuditEvents', 'id createdAt updatedAt entity entityId machine action actorRole fromState toState at data'],
  users: [
    'Users',
    'id createdAt updatedAt email name role phone timeZone calendarToken credentialsChangedAt availability { weeklyHours { day start end } blackoutDates { date } } payment { stripeCustomerId paymentMethodId } notifications { reminders { email sms } nudges { email sms } schedule { email sms } transactional { sms } quietHours { start end } }',
  ],
  'worker-heartbeats': ['WorkerHeartbeats', 'id createdAt updatedAt workerId host pid startedAt beatAt stats'],
  'kpi-snapshots': ['KpiSnapshots', 'id createdAt updatedAt day kpi value source takenAt'],
  // webhook-endpoints and webhook-deliveries are not in GraphQL (graphQL: false): access.test.ts checks they are absent
}

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Leaf paths of a document: groups walked into, relationships (populated or not), arrays and JSON as one cell. */
function leaves(collection: CollectionSlug, doc: Record<string, any>, prefix = ''): string[] {
  const groups = GROUPS[collection] ?? []
  return Object.entries(doc).flatMap(([key, value]) => {
    const path = `${prefix}${key}`
    return groups.includes(path) && isObject(value) ? leaves(collection, value, `${path}.`) : [path]
  })
}
/**
 * Array fields: Payload answers one the reader may not see with `[]` (its array step runs after read access removed
 * the rows), so for them shown means rows; the fixtures give every array rows.
 */
const ARRAYS = ['preferredWindows', 'windows', 'excludedProviders', 'availability.weeklyHours', 'availability.blackoutDates', 'sessions']
const has = (doc: Record<string, any> | undefined, path: string): boolean => {
  const [head, ...rest] = path.split('.')
  if (!isObject(doc) || !(head in doc)) return false
  return rest.length ? has(doc[head], rest.join('.')) : true
}
const shown = (doc: Record<string, any>, path: string): boolean =>
  ARRAYS.includes(path) ? Array.isArray(valueAt(doc, path)) && (valueAt(doc, path) as unknown[]).length > 0 : has(doc, path)
const valueAt = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), doc)
const filled = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)

const readsDoc = (actor: Actor, key: DocKey, state: State) => (DOC[key][actor] ?? []).includes(state)
const readsField = (actor: Actor, key: DocKey, path: string, state: State) =>
  readsDoc(actor, key, state) && (FIELDS[key][path]?.[actor] ?? []).includes(state)

const docKeysOf = (s: Scenario) => DOC_KEYS.filter((k) => s.ids[k] !== undefined)
const keyOfTarget = (s: Scenario, collection: CollectionSlug, id: unknown): DocKey | undefined =>
  docKeysOf(s).find((k) => COLLECTION_OF[k] === collection && s.ids[k] === Number(id))

const cellCount = { rest: 0, depth1Nested: 0, graphql: 0 }
const seenFields = new Map<DocKey, Set<string>>(DOC_KEYS.map((k) => [k, new Set<string>()]))

/** Which cells of one document disagree with the table, for one actor (fields of a readable document only). */
function fieldMismatches(s: Scenario, actor: Actor, key: DocKey, doc: Record<string, any>, channel: string): string[] {
  const out: string[] = []
  const collection = COLLECTION_OF[key]
  for (const path of leaves(collection, doc)) {
    seenFields.get(key)!.add(path)
    if (!(path in FIELDS[key])) out.push(`${s.state} ${actor} ${key}.${path}: returned but not in the table (${channel})`)
  }
  for (const path of Object.keys(FIELDS[key])) {
    const expected = readsField(actor, key, path, s.state)
    if (shown(doc, path) !== expected) out.push(`${s.state} ${actor} ${key}.${path}: expected ${expected ? 'readable' : 'hidden'} (${channel})`)
    if (channel !== 'nested') cellCount.rest++
  }
  return out
}

describe.each(STATES)('state %s', (state) => {
  it.each(ACTORS)('REST by id and list at depth 0, by id at depth 1: %s', async (actor) => {
    const s = fw.scenarios[state]
    const client = s.clients[actor]
    const problems: string[] = []
    for (const key of docKeysOf(s)) {
      const collection = COLLECTION_OF[key]
      const id = s.ids[key]
      const canRead = readsDoc(actor, key, state)
      const byId = await client.get(`/api/${collection}/${id}?depth=0`)
      const list = await client.get(`/api/${collection}?depth=0&where[id][equals]=${id}`)
      const deep = await client.get(`/api/${collection}/${id}?depth=1`)
      if (!canRead) {
        if (![401, 403, 404].includes(byId.status)) problems.push(`${state} ${actor} ${key}: readable by id (${byId.status})`)
        if (list.status === 200 ? list.body.docs.length !== 0 : ![401, 403].includes(list.status)) problems.push(`${state} ${actor} ${key}: in the list`)
        if (![401, 403, 404].includes(deep.status)) problems.push(`${state} ${actor} ${key}: readable at depth 1 (${deep.status})`)
        continue
      }
      if (byId.status !== 200 || list.status !== 200 || list.body.docs.length !== 1 || deep.status !== 200) {
        problems.push(`${state} ${actor} ${key}: not readable (${byId.status}, list ${list.status} ${list.body.docs?.length}, depth 1 ${deep.status})`)
        continue
      }
      problems.push(...fieldMismatches(s, actor, key, byId.body, 'REST by id'))
      problems.push(...fieldMismatches(s, actor, key, list.body.docs[0], 'REST list'))
      problems.push(...fieldMismatches(s, actor, key, deep.body, 'REST depth 1'))
      // each populated relation is a document of its own collection, with that document's cells for this actor
      for (const [path, target] of Object.entries(RELATIONS[collection] ?? {})) {
        const values = ([] as unknown[]).concat(deep.body[path] ?? [])
        for (const value of values) {
          const targetKey = keyOfTarget(s, target, isObject(value) ? value.id : value)
          if (!targetKey) continue // a record outside the scenario (Ops as reviewer or actor, the seed's provider)
          const populated = isObject(value)
          cellCount.depth1Nested++
          if (populated !== readsDoc(actor, targetKey, state)) {
            problems.push(`${state} ${actor} ${key}.${path} → ${targetKey}: ${populated ? 'populated, must stay an id' : 'not populated'} (depth 1)`)
          } else if (populated) problems.push(...fieldMismatches(s, actor, targetKey, value, 'nested'))
        }
      }
    }
    expect(problems).toEqual([])
  })

  it.each(ACTORS)('GraphQL: %s', async (actor) => {
    const s = fw.scenarios[state]
    const keys = docKeysOf(s).filter((key) => GQL[COLLECTION_OF[key]])
    const query = `{ ${keys
      .map((key) => {
        const [list, selection] = GQL[COLLECTION_OF[key]]!
        return `${key}: ${list}(where: { id: { equals: ${s.ids[key]} } }) { docs { ${selection} } }`
      })
      .join('\n')} }`
    const res = await s.clients[actor].gql(query)
    expect(res.status).toBe(200)
    const data = (res.body.data ?? {}) as Record<string, { docs: Record<string, any>[] } | null>
    const problems: string[] = []
    for (const key of keys) {
      const docs = data[key]?.docs ?? []
      if (!readsDoc(actor, key, state)) {
        if (docs.length) problems.push(`${state} ${actor} ${key}: listed over GraphQL`)
        continue
      }
      if (docs.length !== 1) {
        problems.push(`${state} ${actor} ${key}: not listed over GraphQL ${JSON.stringify(res.body.errors ?? [])}`)
        continue
      }
      // what Ops read over REST says which values exist, so a readable cell must not come back empty
      const rest = (await s.clients.ops.get(`/api/${COLLECTION_OF[key]}/${s.ids[key]}?depth=0`)).body
      for (const path of leaves(COLLECTION_OF[key], docs[0])) {
        if (!(path in FIELDS[key])) continue
        const value = valueAt(docs[0], path)
        cellCount.graphql++
        if (readsField(actor, key, path, state)) {
          if (filled(valueAt(rest, path)) && !filled(value)) problems.push(`${state} ${actor} ${key}.${path}: hidden over GraphQL`)
        } else if (filled(value)) {
          problems.push(`${state} ${actor} ${key}.${path}: readable over GraphQL`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe('the table covers the collections', () => {
  it('every field in the table was returned to someone, and nothing outside it was', () => {
    const unseen = DOC_KEYS.flatMap((key) => Object.keys(FIELDS[key]).filter((path) => !seenFields.get(key)!.has(path)).map((p) => `${key}.${p}`))
    expect(unseen).toEqual([])
    // every cell of the table was asserted in each REST channel, and the GraphQL leaves too
    expect(cellCount.rest).toBeGreaterThan(3000)
    expect(cellCount.graphql).toBeGreaterThan(1000)
    const matrix = STATES.reduce((n, state) => n + docKeysOf(fw.scenarios[state]).reduce((m, key) => m + ACTORS.length * Object.keys(FIELDS[key]).length, 0), 0)
    process.stdout.write(
      `field matrix: ${matrix} cells (actor × record × field × state); asserted ${cellCount.rest} times over REST (readable records, 3 channels), ` +
        `${cellCount.depth1Nested} populated relations, ${cellCount.graphql} GraphQL cells\n`,
    )
  })
})

describe('what the matrix means', () => {
  it("an open job shows a new provider where it is only roughly: city, region, postal area (the code's first part)", async () => {
    const s = fw.scenarios.open
    const job = (await s.clients.provider1.get(`/api/jobs/${s.ids.job}`)).body
    expect(job.serviceAddress).toEqual({ city: 'Springfield', region: 'MA', postalArea: '011', country: 'US' })
    expect(job.preferredWindows).toEqual([]) // Payload's answer for an array the reader may not see
    const own = (await s.clients.customerA.get(`/api/jobs/${s.ids.job}`)).body
    expect(own.serviceAddress).toMatchObject({ line1: '12 Elm Street', line2: 'Apt 3', postalCode: '01103', postalArea: '011' })
  })

  it('nothing leaks through population at depth 2, nor through GraphQL relationships', async () => {
    const s = fw.scenarios.quoted
    const quote = (await s.clients.provider1.get(`/api/quotes/${s.ids.quote}?depth=2`)).body
    expect(quote.job.serviceAddress).toEqual({ city: 'Springfield', region: 'MA', postalArea: '011', country: 'US' })
    expect(quote.job.customer).toBe(s.ids.customer) // the customer's account is not theirs to read
    expect(quote.customer).toBe(s.ids.customer)
    const gql = await s.clients.provider1.gql(
      `{ Quotes(where: { id: { equals: ${s.ids.quote} } }) { docs { job { serviceAddress { line1 line2 postalCode city } preferredWindows { start } customer { email phone name } } customer { email } } } }`,
    )
    const [doc] = gql.body.data!.Quotes.docs
    expect(doc.job.serviceAddress).toEqual({ line1: null, line2: null, postalCode: null, city: 'Springfield' })
    expect(doc.job.preferredWindows ?? []).toEqual([])
    expect(doc.job.customer).toBeNull()
    expect(doc.customer).toBeNull()
  })

  it("the customer sees who quoted by name, not their contact details; while assigned, each sees the other's", async () => {
    const quoted = fw.scenarios.quoted
    const quote = (await quoted.clients.customerA.get(`/api/quotes/${quoted.ids.quote}?depth=1`)).body
    expect(quote.provider.id).toBe(quoted.ids.provider)
    expect(quote.provider.name).toMatch(/^provider quoted-/)
    expect(quote.provider.email).toBeUndefined()
    expect(quote.provider.phone).toBeUndefined()
    const gql = await quoted.clients.customerA.gql(`{ Quote(id: ${quoted.ids.quote}) { provider { id name email phone } } }`)
    expect(gql.body.errors).toBeUndefined()
    expect(gql.body.data!.Quote.provider).toEqual({ id: quoted.ids.provider, name: expect.stringMatching(/^provider quoted-/), email: null, phone: null })
    const assigned = fw.scenarios.assigned
    const a = (await assigned.clients.provider1.get(`/api/assignments/${assigned.ids.assignment}?depth=1`)).body
    expect(a.customer).toMatchObject({ id: assigned.ids.customer, phone: '+12015550100' })
    expect(a.customer.email).toMatch(/^customer-assigned-/)
    expect(a.job.serviceAddress.line1).toBe('12 Elm Street')
    const finished = fw.scenarios.finished
    const f = (await finished.clients.provider1.get(`/api/assignments/${finished.ids.assignment}?depth=1`)).body
    expect(f.customer.name).toMatch(/^customer finished-/)
    expect(f.customer.email).toBeUndefined()
    expect(f.job.serviceAddress.line1).toBeUndefined()
  })

  it('a provider who only quoted cannot read the quote follow-up sent to the customer, nor the customer', async () => {
    const s = fw.scenarios.quoted
    const logs = await s.clients.provider1.get(`/api/reminder-logs?depth=0&limit=100`)
    expect(logs.status).toBe(200)
    expect(logs.body.docs.map((d: { id: number }) => d.id)).toEqual([s.ids.logToProvider])
    expect((await s.clients.provider1.get(`/api/users/${s.ids.customer}`)).status).toBe(404)
  })

  it('someone signing up reads back their own new account', async () => {
    const res = await fw.world.clients.anonymous.post('/api/users', { email: 'newbie@fields.example', password: 'long-enough-pw', name: 'Newbie', role: 'provider', timeZone: 'UTC' })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ email: 'newbie@fields.example', name: 'Newbie', role: 'provider', timeZone: 'UTC' })
    expect(res.body.doc.payment).toBeUndefined()
  })

  it('a collection whose field has no rule, or a rule for a field that does not exist, fails at boot', () => {
    expect(() => applyFieldPolicy({ slug: 'jobs', fields: [{ name: 'title', type: 'text' }, { name: 'secret', type: 'text' }] })).toThrow(/jobs.secret has no read rule/)
    expect(() => applyFieldPolicy({ slug: 'worker-heartbeats', fields: [{ name: 'workerId', type: 'text' }] })).toThrow(/names fields worker-heartbeats does not have/)
    expect(() => applyFieldPolicy({ slug: 'unknown', fields: [] })).toThrow(/no field policy/)
  })
})
