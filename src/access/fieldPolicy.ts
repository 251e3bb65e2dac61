/**
 * What each role may read of each record, field by field, in each relation to it: one table per collection. The field
 * `access.read` rules are generated from it (src/access/applyFieldPolicy.ts), and so is the refusal of `where` and
 * `sort` on fields the caller cannot read (src/hooks/refuseUnreadableQueries.ts). Pure: no Payload, no database.
 *
 * Ops read every field of every record. A customer or provider reads a field when their relation to the record is
 * listed for their role; a record they cannot read at all (collection access) has no relation.
 */
import { idOf, sameId } from '../utilities/idOf'

export type PartyRole = 'customer' | 'provider'
export type ViewerRole = 'ops' | PartyRole

export type Relation =
  /** jobs: the customer's own job */
  | 'own'
  /** jobs: open (and, by the collection's access, the provider was not excluded) — quoted or not: a quote costs nothing */
  | 'visible'
  /** jobs: the provider's assignment on it is active; users: the two have an active assignment together */
  | 'assigned'
  /** jobs: the provider's assignment on it ended; users: they had an assignment together, none active now */
  | 'finished'
  /** users: the viewer's own account */
  | 'self'
  /** users: the provider quoted on one of the customer's jobs, and they have no assignment together */
  | 'quoted'
  /** quotes, assignments, proposals, payouts, audit events: the viewer is the record's customer or provider */
  | 'party'
  /** reminder-logs: the message was addressed to the viewer */
  | 'recipient'

export type FieldRule = Partial<Record<PartyRole, readonly Relation[]>>

export type CollectionPolicy = {
  /** Every relation a customer or provider can have to a record of this collection that they can read at all. */
  relations: Partial<Record<PartyRole, readonly Relation[]>>
  /** Field path → rule. A group's or an array's path covers the fields inside it. Ops read every field. */
  fields: Readonly<Record<string, FieldRule>>
  /**
   * The fields `relationTo` reads: always selected, so a `select` cannot hide the relation. Each must be readable in
   * every relation: Payload evaluates a group's fields after the top-level ones were already stripped for the reader.
   */
  relationKeys: readonly string[]
}

/** An assignment in one of these states binds its two parties: the address and the contact details are theirs. */
export const ACTIVE_ASSIGNMENT_STATUSES = ['pending_schedule', 'scheduled', 'completed', 'disputed'] as const

/** Every record's id and timestamps: readable by anyone who can read the record, and safe to filter and sort on. */
export const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt'] as const

const OWN = ['own'] as const
const ANY_JOB = ['visible', 'assigned', 'finished'] as const
const ASSIGNED = ['assigned'] as const
const SELF = ['self'] as const
const SELF_OR_ASSIGNED = ['self', 'assigned'] as const
const PARTY = ['party'] as const
const RECIPIENT = ['recipient'] as const

const OPS_ONLY: FieldRule = {}
const PARTIES: FieldRule = { customer: PARTY, provider: PARTY }
const TO_RECIPIENT: FieldRule = { customer: RECIPIENT, provider: RECIPIENT }
/** What a provider needs to decide whether to quote: what, roughly where, and when it was posted. */
const JOB_OUTLINE: FieldRule = { customer: OWN, provider: ANY_JOB }
/** Where exactly, and when the home is occupied: only the assigned provider, only while the work is theirs. */
const JOB_PRIVATE: FieldRule = { customer: OWN, provider: ASSIGNED }
/** Who someone is: a customer sees who quoted (issue 13); a provider learns a customer's name only once assigned. */
const IDENTITY: FieldRule = { customer: ['self', 'quoted', 'assigned', 'finished'], provider: ['self', 'assigned', 'finished'] }
const CONTACT: FieldRule = { customer: SELF_OR_ASSIGNED, provider: SELF_OR_ASSIGNED }
const ACCOUNT: FieldRule = { customer: SELF, provider: SELF }

const all = (rule: FieldRule, ...fields: string[]) => Object.fromEntries(fields.map((f) => [f, rule]))
const parties = (...fields: string[]) => all(PARTIES, ...fields)
const opsOnly = (...fields: string[]) => all(OPS_ONLY, ...fields)

export const FIELD_POLICY = {
  users: {
    relations: IDENTITY,
    relationKeys: [],
    fields: {
      ...all(IDENTITY, 'name', 'role'),
      ...all(CONTACT, 'email', 'phone', 'timeZone'),
      ...all(ACCOUNT, 'availability', 'calendarToken', 'notifications'),
      payment: OPS_ONLY, // Stripe ids
      credentialsChangedAt: OPS_ONLY, // when sessions, the feed address and one-tap links were last ended
    },
  },
  jobs: {
    relations: { customer: OWN, provider: ANY_JOB },
    relationKeys: ['customer', 'status', 'assignedProvider'],
    fields: {
      title: JOB_OUTLINE,
      description: JOB_OUTLINE,
      customer: JOB_OUTLINE, // an id: the account behind it is readable only as users allows
      'serviceAddress.line1': JOB_PRIVATE,
      'serviceAddress.line2': JOB_PRIVATE,
      'serviceAddress.city': JOB_OUTLINE,
      'serviceAddress.region': JOB_OUTLINE,
      'serviceAddress.postalCode': JOB_PRIVATE,
      'serviceAddress.postalArea': JOB_OUTLINE,
      'serviceAddress.country': JOB_OUTLINE,
      timeZone: JOB_OUTLINE,
      preferredWindows: JOB_PRIVATE, // when the customer is at home, and so when the home is empty
      status: JOB_OUTLINE,
      version: JOB_OUTLINE, // sent back with every action on the job
      assignedProvider: JOB_OUTLINE,
      excludedProviders: { customer: OWN }, // other providers' history with the job
    },
  },
  quotes: {
    relations: { customer: PARTY, provider: PARTY },
    relationKeys: ['customer', 'provider'],
    fields: parties('job', 'provider', 'customer', 'amount', 'currency', 'message', 'status', 'version'),
  },
  assignments: {
    relations: { customer: PARTY, provider: PARTY },
    relationKeys: ['customer', 'provider'],
    fields: {
      ...parties('job', 'quote', 'customer', 'provider', 'status', 'scheduledStart', 'scheduledEnd', 'timeZone', 'version'),
      ...parties('payoutStatus', 'timestamps', 'amount', 'currency', 'calendarSequence', 'rejectionReason', 'disputeReason'),
      ...parties('completionChecklist', 'visitDay'),
      label: PARTIES, // "<job title> — <customer>": both know the job, and the provider knows whom it is for
      // the worker's bookkeeping (overdue flags, nudge times) and the card hold (Stripe ids)
      ...opsOnly('reminders', 'payment'),
    },
  },
  'schedule-proposals': {
    relations: { customer: PARTY, provider: PARTY },
    relationKeys: ['customer', 'provider'],
    fields: parties('assignment', 'customer', 'provider', 'proposedBy', 'proposerRole', 'windows', 'timeZone', 'note', 'status', 'confirmedWindow', 'version'),
  },
  'reminder-logs': {
    relations: { customer: RECIPIENT, provider: RECIPIENT },
    relationKeys: ['recipient'],
    fields: {
      ...all(TO_RECIPIENT, 'assignment', 'quote', 'customer', 'provider', 'kind', 'channel', 'recipient', 'recipientAddress'),
      ...all(TO_RECIPIENT, 'status', 'reason', 'scheduledFor', 'sentAt', 'plannedStart', 'subject', 'body', 'ics', 'icsMethod'),
      // delivery internals: the worker's claim, retries and the mail server's error text
      ...opsOnly('dedupeKey', 'attempts', 'error', 'nextAttemptAt', 'claimedBy', 'leaseUntil'),
    },
  },
  payouts: {
    relations: { customer: PARTY, provider: PARTY },
    relationKeys: ['customer', 'provider'],
    fields: {
      ...parties('reference', 'assignment', 'customer', 'provider', 'amount', 'currency', 'method', 'status', 'reviewedAt', 'version'),
      note: { provider: PARTY }, // Ops' word to the provider on their decision (also sent to them by email)
      // Stripe ids, idempotency keys, capture errors and retries, and who in Ops reviewed it
      ...opsOnly('manualReason', 'paymentIntentId', 'idempotencyKey', 'authorizationExpiresAt', 'attempts', 'nextAttemptAt', 'lastError', 'reviewedBy'),
    },
  },
  'audit-events': {
    relations: { customer: PARTY, provider: PARTY },
    relationKeys: ['customer', 'provider'],
    fields: {
      ...parties('entity', 'entityId', 'machine', 'action', 'actor', 'actorRole', 'fromState', 'toState', 'at', 'job', 'customer', 'provider'),
      data: OPS_ONLY, // whatever an action chose to record: not promised to anyone but Ops
      event: OPS_ONLY, // the domain event (Ops-only records)
    },
  },
  events: {
    // the domain events carry records as Ops see them: Ops only (the collection's access says so too)
    relations: {},
    relationKeys: [],
    fields: opsOnly('type', 'entity', 'entityId', 'entityVersion', 'actor', 'actorRole', 'job', 'customer', 'provider', 'data', 'occurredAt'),
  },
  'kpi-snapshots': {
    // fleet-wide figures: Ops only (the collection's access says so too)
    relations: {},
    relationKeys: [],
    fields: opsOnly('day', 'kpi', 'value', 'source', 'takenAt'),
  },
  'worker-heartbeats': {
    relations: {},
    relationKeys: [],
    fields: opsOnly('workerId', 'host', 'pid', 'startedAt', 'beatAt', 'stats'),
  },
  // integrators' URLs and how each delivery fared: Ops only (the collections' access says so too)
  'webhook-endpoints': {
    relations: {},
    relationKeys: [],
    fields: opsOnly('url', 'events', 'description', 'enabled', 'disabledReason', 'disabledAt', 'consecutiveFailures', 'lastDeliveredAt'),
  },
  'webhook-deliveries': {
    relations: {},
    relationKeys: [],
    fields: opsOnly(
      'endpoint', 'event', 'eventType', 'entity', 'entityId', 'entityVersion', 'status', 'attempts', 'queuedAt', 'nextAttemptAt',
      'lastAttemptAt', 'deliveredAt', 'responseStatus', 'latencyMs', 'error', 'claimedBy', 'leaseUntil',
    ),
  },
} as const satisfies Record<string, CollectionPolicy>

export type PolicedCollection = keyof typeof FIELD_POLICY
export const POLICED_COLLECTIONS = Object.keys(FIELD_POLICY) as PolicedCollection[]

export const isPoliced = (slug: string): slug is PolicedCollection => slug in FIELD_POLICY

const policyOf = (collection: PolicedCollection): CollectionPolicy => FIELD_POLICY[collection]

export const isSystemField = (path: string) => (SYSTEM_FIELDS as readonly string[]).includes(path)

export const asViewerRole = (role: unknown): ViewerRole | null =>
  role === 'ops' || role === 'customer' || role === 'provider' ? role : null

/**
 * The rules that decide a path: the rule of the path itself or of the group/array that contains it; for a group path
 * with no rule of its own, the rules of every field inside it (all must allow). Empty: the path is not in the table.
 */
export function rulesFor(collection: PolicedCollection, path: string): FieldRule[] {
  const { fields } = policyOf(collection)
  const segments = path.split('.')
  for (let n = segments.length; n > 0; n--) {
    const rule = fields[segments.slice(0, n).join('.')]
    if (rule) return [rule]
  }
  return Object.entries(fields)
    .filter(([key]) => key.startsWith(`${path}.`))
    .map(([, rule]) => rule)
}

/** May a viewer of this role, in this relation to the record, read this field of it? */
export function canReadField(collection: PolicedCollection, path: string, role: ViewerRole | null, relation: Relation | null): boolean {
  if (role === 'ops') return true
  if (!role || !relation) return false
  if (isSystemField(path)) return true
  const rules = rulesFor(collection, path)
  return rules.length > 0 && rules.every((rule) => (rule[role] ?? []).includes(relation))
}

/**
 * May a viewer of this role read this field whatever their relation to the record? This is the answer when there is
 * no record to look at (Payload's query validation, `/api/access`), and the rule for `where` and `sort`: a filter on a
 * field readable in only some of the records would sort or select the others by what it hides.
 */
export function canReadFieldInEveryRelation(collection: PolicedCollection, path: string, role: ViewerRole | null): boolean {
  if (role === 'ops') return true
  if (!role) return false
  const relations = policyOf(collection).relations[role] ?? []
  if (relations.length === 0) return false
  return relations.every((relation) => canReadField(collection, path, role, relation))
}

export type Viewer = { id: number | string; role: ViewerRole }
export type UserRelation = Extract<Relation, 'quoted' | 'assigned' | 'finished'>
/** The other users a viewer has dealt with, by id, and how (only `users` needs it). */
export type Counterparties = ReadonlyMap<string, UserRelation>

const partyOf = (doc: Record<string, unknown>, viewer: Viewer): Relation | null =>
  viewer.role !== 'ops' && sameId(doc[viewer.role], viewer.id) ? 'party' : null

/** The viewer's relation to one record, from the record itself (and, for users, the viewer's counterparties). */
export function relationTo(
  collection: PolicedCollection,
  viewer: Viewer,
  doc: Record<string, unknown>,
  counterparties: Counterparties = new Map(),
): Relation | null {
  switch (collection) {
    case 'users':
      if (sameId(doc.id, viewer.id)) return 'self'
      return counterparties.get(String(doc.id)) ?? null
    case 'jobs': {
      if (viewer.role === 'customer') return sameId(doc.customer, viewer.id) ? 'own' : null
      if (viewer.role !== 'provider') return null
      // which providers were excluded is the collection access's to decide (canSeeJob): they never get the record
      if (doc.status === 'open') return 'visible'
      if (!sameId(doc.assignedProvider, viewer.id)) return null
      return doc.status === 'assigned' ? 'assigned' : 'finished'
    }
    case 'reminder-logs':
      return sameId(doc.recipient, viewer.id) ? 'recipient' : null
    case 'worker-heartbeats':
    case 'kpi-snapshots':
    case 'webhook-endpoints':
    case 'webhook-deliveries':
      return null
    default:
      return partyOf(doc, viewer)
  }
}

/** One way two users are connected: a quote between them, or an assignment (with its status). */
export type Dealing = { other: number | string; kind: 'quote' } | { other: number | string; kind: 'assignment'; status: string }

/** The strongest relation per counterparty: an active assignment, else an ended one, else a quote. */
export function counterpartiesFrom(dealings: readonly Dealing[]): Counterparties {
  const rank: Record<UserRelation, number> = { quoted: 1, finished: 2, assigned: 3 }
  const result = new Map<string, UserRelation>()
  for (const d of dealings) {
    const relation: UserRelation =
      d.kind === 'quote' ? 'quoted' : (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(d.status) ? 'assigned' : 'finished'
    const key = String(idOf(d.other))
    const current = result.get(key)
    if (!current || rank[relation] > rank[current]) result.set(key, relation)
  }
  return result
}

/** Which dealings make a counterparty for each role: a customer sees who quoted; a provider only whom they worked for. */
export const COUNTERPARTY_DEALINGS: Record<PartyRole, readonly Dealing['kind'][]> = {
  customer: ['quote', 'assignment'],
  provider: ['assignment'],
}
