import type { Endpoint, FlattenedField, PayloadRequest, TypedCollection, Where } from 'payload'

import type { EventType } from '../domain/events'
import { partiesOf } from '../domain/parties'
import { mayEver, nextState, type Machine, type StateOf } from '../domain/lifecycle'
import type { Actor } from '../domain/roles'
import { badRequest, conflict, forbidden } from '../utilities/errors'
import { idOf, sameId } from '../utilities/idOf'
import { runEventEffects } from './effects'
import { holdsLock, LOCK_ORDER, lockRows, releaseHeldLocks, type Lockable } from './locks'
import { collectAudit, discardAudit, writeAuditEvent, writeEvent } from './record'
import { readAsUser, readBody, requireUser, routeId, type SignedInUser } from './request'
import { inTransaction } from './transaction'

type Doc<C extends Lockable> = TypedCollection[C]
type AnyDoc = { id: number; status?: string | null; version?: number | null } & Record<string, unknown>

/** The records an action locks before its subject, by collection (ids read from the subject: relations never change). */
export type Parents = Partial<Record<Lockable, unknown>>

export type ActionContext<C extends Lockable = Lockable, I = unknown> = {
  req: PayloadRequest
  /** The signed-in user, or null when the system acts (a task, a worker). */
  user: SignedInUser | null
  /** Who acts, as the lifecycle table knows them. */
  actor: Actor
  input: I
  now: Date
  machine: Machine
  collection: C
  /** The subject as it is under the lock (after `write`, as it was written). */
  subject: Doc<C>
  /** The parents, read under their locks. */
  parents: { jobs?: Doc<'jobs'>; quotes?: Doc<'quotes'>; assignments?: Doc<'assignments'> }
  action: string
  from: string
  to: string
  /** The version the subject has after this action. */
  version: number
  /** The domain event's id, once it is written (after `then`). */
  eventId: number
  /** Facts for the event's `data` (and so for its notifications, Stripe work and webhooks). */
  facts: Record<string, unknown>
  /** What one step of the action hands to a later one (a proposal the guard locked, for `then`); not in the event. */
  state: Record<string, unknown>
  /** Moves one other record along the table as part of this action, with its own audit row. */
  move: <M extends Lockable>(collection: M, id: number, action: string, opts?: MoveOptions) => Promise<Doc<M>>
  /** `move` for every record matching `where`, each asked of the table. Returns the ids moved. */
  moveEach: <M extends Lockable>(collection: M, where: Where, action: string, opts?: MoveOptions) => Promise<number[]>
}

type MoveOptions = {
  actor?: Actor
  data?: Record<string, unknown>
  /** The record as this action already read it under its lock (saves reading it again). */
  before?: { id: number; status?: string | null; version?: number | null }
}

/** One body field as the API docs and the OpenAPI document describe it. */
export type BodyField = { type: 'string' | 'integer' | 'boolean' | 'object' | 'array'; required?: boolean; description: string }

/** One key of an action's answer: a record (as the caller may read it; null when they may not) or a plain value. */
export type AnswerField = { record: Lockable; nullable?: boolean; description?: string } | BodyField

export type ActionSpec<C extends Lockable, I> = {
  /**
   * What the endpoint does, takes and answers (docs/api.md, the OpenAPI document). `version` is added to every client
   * action's body and `event` to its answer; the answer defaults to the subject under its singular name.
   */
  doc: { summary: string; body?: Record<string, BodyField>; answer?: Record<string, AnswerField> }
  machine: Machine
  collection: C
  /** The lifecycle action; a function when the state decides it (a confirm on a booked visit is a reschedule). */
  action: string | ((subject: Doc<C>, input: I) => string)
  /** The event the action raises. */
  event: EventType | ((action: string, ctx: ActionContext<C, I>) => EventType)
  /** Body → input, or 400 naming the field. `version` is read by the pipeline. */
  input?: (body: Record<string, unknown>) => I
  /** The subject's id from the route id (default: the route names the subject). May read as the user (404). */
  locate?: (req: PayloadRequest, id: number) => Promise<number>
  /** Records to lock before the subject. */
  parents?: (subject: Doc<C>) => Parents
  /** Domain rules after the lock, the version and the table: 409 / 400 with the reason. May lock children. */
  guard?: (ctx: ActionContext<C, I>) => void | Promise<void>
  /** The subject's fields this action sets besides status and version. */
  write?: (ctx: ActionContext<C, I>) => Record<string, unknown> | Promise<Record<string, unknown>>
  /** Everything else the action moves or creates, after the subject is written, in the same transaction. */
  then?: (ctx: ActionContext<C, I>) => Promise<void>
  /** The answer's body (default: the subject under its singular name). */
  respond?: (ctx: ActionContext<C, I>) => Record<string, unknown>
  /** The answer's status (default 200). */
  status?: number
}

const MACHINE_OF: Record<Lockable, Machine> = {
  jobs: 'job',
  quotes: 'quote',
  assignments: 'assignment',
  'schedule-proposals': 'proposal',
  payouts: 'payout',
}

const SINGULAR: Record<Lockable, string> = {
  jobs: 'job',
  quotes: 'quote',
  assignments: 'assignment',
  'schedule-proposals': 'proposal',
  payouts: 'payout',
}

const opts = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

/** Who the user is on this record: Ops, or its customer or provider. Anyone else may not act on it (403). */
export function partyOf(user: SignedInUser, doc: Record<string, unknown>): Actor {
  if (user.role === 'ops') return 'ops'
  if (user.role === 'customer' && sameId(doc.customer, user.id)) return 'customer'
  if (user.role === 'provider' && (sameId(doc.provider, user.id) || sameId(doc.assignedProvider, user.id))) return 'provider'
  throw forbidden('Only its customer, its provider or Ops act on this record.')
}

/**
 * Throws what a caller who may not see the action's record hears (404, or 400 for an id that cannot be one); returns
 * when they may see it. Any other refusal on the way (its state, say) is not theirs to hear before the role's 403.
 */
async function requireVisible<C extends Lockable, I>(spec: ActionSpec<C, I>, caller: Caller<I>): Promise<void> {
  const { req } = caller
  try {
    const routed = caller.kind === 'client' ? routeId(req) : caller.id
    const id = spec.locate ? await spec.locate(req, routed) : routed
    await readAsUser(req, spec.collection, id, SINGULAR[spec.collection])
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 404 || status === 400) throw error
  }
}

/** Asks the lifecycle table; 409 naming the state for a move that makes no sense from it, 403 for the wrong actor. */
export function transition<M extends Machine>(machine: M, from: StateOf<M>, action: string, actor: Actor): StateOf<M> {
  const result = nextState(machine, from, action, actor)
  if (result.ok) return result.to
  if (result.reason === 'forbidden') throw forbidden(result.message)
  throw conflict(result.message, { state: from })
}

const VERSION_FIELD: BodyField = {
  type: 'integer',
  required: true,
  description: "The record's version you last read; a record changed since answers 409 with the current version.",
}

/** `version`: required for every action a client sends — the record's version they last read. */
export function parseVersion(body: Record<string, unknown>): number {
  const v = body.version
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2_147_483_647) {
    throw badRequest('"version" is required: the whole-number version of the record you last read.', 'version')
  }
  return v
}

/** The one version rule: the client's version must be the record's current one, else 409 with the current version. */
export function checkVersion(what: string, expected: number, current: number, state: string): void {
  if (expected !== current) {
    throw conflict(`The ${what} changed since you read it (version ${current}, you sent ${expected}): reload and try again.`, {
      currentVersion: current,
      state,
    })
  }
}

const lockOf = (parents: Parents) =>
  Object.fromEntries(
    Object.entries(parents)
      .map(([c, v]) => [c, Number(idOf(v))])
      .filter(([, id]) => Number.isInteger(id) && (id as number) > 0),
  ) as Partial<Record<Lockable, number>>

/** How the request was made: a signed-in client through the endpoint, or the system from a task. */
type Caller<I> =
  | { kind: 'client'; req: PayloadRequest }
  /** A signed one-tap link: acts as its user (access, audit) on its one record, with no body and no version. */
  | {
      kind: 'link'
      req: PayloadRequest
      id: number
      input: I
      claim: (req: PayloadRequest) => Promise<void>
      /** What the link was signed for still holds of the locked record (the visit it named has not moved). */
      holds: (subject: Record<string, unknown>) => void
    }
  | { kind: 'system'; req: PayloadRequest; id: number; input: I }

/**
 * One action, in the same beats every time: parse → read as the user (404 if not theirs) → lock the parents and the
 * subject in LOCK_ORDER → check `version` (clients) → ask the lifecycle table → domain guard → write the subject
 * (status from the table, version + 1) → the rest of the action (`then`) → one audit row for the subject and one
 * domain event, whose effects (notifications, Stripe, webhooks) are queued in the same transaction and run after it
 * commits. Anything that throws rolls the whole action back.
 */
export async function runAction<C extends Lockable, I>(spec: ActionSpec<C, I>, caller: Caller<I>): Promise<{ ctx: ActionContext<C, I>; body: Record<string, unknown> }> {
  const { req } = caller
  const user = caller.kind === 'system' ? null : requireUser(req)
  let input: I
  let expectedVersion: number | undefined
  if (caller.kind === 'client') {
    const body = await readBody(req)
    input = spec.input ? spec.input(body) : (undefined as I)
    expectedVersion = parseVersion(body)
  } else input = caller.input as I
  // a role that may never take this action hears so before anything is locked (a provider accepting a quote), but
  // only about a record it may see: to anyone else the record does not exist (404), as docs/api.md promises
  if (user && typeof spec.action === 'string' && !mayEver(spec.machine, spec.action, user.role)) {
    await requireVisible(spec, caller)
    throw forbidden(`A ${user.role} may not ${spec.action} a ${spec.machine}.`)
  }

  const ctx = await inTransaction(req, async () => {
    try {
      if (caller.kind === 'link') await caller.claim(req)
      const routed = caller.kind === 'client' ? routeId(req) : caller.id
      const id = spec.locate ? await spec.locate(req, routed) : routed
      // what the user may see decides what exists for them; the system sees everything
      const seen = (caller.kind !== 'system'
        ? await readAsUser(req, spec.collection, id, SINGULAR[spec.collection])
        : await req.payload.findByID({ collection: spec.collection, id, ...opts(req) })) as unknown as Doc<C>
      const parents = lockOf(spec.parents?.(seen) ?? {})
      const locked = await lockRows(req, { ...parents, [spec.collection]: id })
      const row = locked[spec.collection]![0]
      const subject = (await req.payload.findByID({ collection: spec.collection, id, ...opts(req) })) as unknown as Doc<C>
      const parentDocs: ActionContext['parents'] = {}
      for (const c of LOCK_ORDER) {
        if (parents[c] !== undefined && c !== spec.collection) {
          ;(parentDocs as Record<string, unknown>)[c] = await req.payload.findByID({ collection: c, id: parents[c]!, ...opts(req) })
        }
      }
      if (caller.kind === 'link') caller.holds(subject as unknown as Record<string, unknown>)
      const actor = user ? partyOf(user, subject as unknown as Record<string, unknown>) : 'system'
      if (expectedVersion !== undefined) checkVersion(SINGULAR[spec.collection], expectedVersion, row.version, row.status)
      const action = typeof spec.action === 'function' ? spec.action(subject, input) : spec.action
      const to = transition(spec.machine, row.status as StateOf<Machine>, action, actor)
      const c: ActionContext<C, I> = {
        req,
        user,
        actor,
        input,
        now: new Date(),
        machine: spec.machine,
        collection: spec.collection,
        subject,
        parents: parentDocs,
        action,
        from: row.status,
        to,
        version: row.version + 1,
        eventId: 0,
        facts: {},
        state: {},
        move: (collection, targetId, moveAction, o) => move(c, collection, targetId, moveAction, o),
        moveEach: async (collection, where, moveAction, o) => {
          const { docs } = await req.payload.find({ collection, where, limit: 1000, pagination: false, ...opts(req) })
          const ids = docs.map((d) => d.id as number)
          if (ids.length) await lockRows(req, { [collection]: ids })
          for (const targetId of ids) await move(c, collection, targetId, moveAction, o)
          return ids
        },
      }
      await spec.guard?.(c)
      collectAudit(req)
      const fields = (await spec.write?.(c)) ?? {}
      c.subject = (await writeRow(req, spec.collection, subject as unknown as AnyDoc, { ...fields, status: to, version: c.version }, actionContext(action, actor))) as unknown as Doc<C>
      await spec.then?.(c)
      const parties = partiesFrom(c.subject as unknown as AnyDoc, parentDocs)
      await writeAuditEvent({
        req,
        entity: spec.collection,
        entityId: id,
        machine: spec.machine,
        action,
        actorRole: actor,
        fromState: c.from,
        toState: to,
        ...parties,
      })
      const type = typeof spec.event === 'function' ? spec.event(action, c) : spec.event
      const data = { action, from: c.from, to, ...c.facts, [SINGULAR[spec.collection]]: c.subject }
      const written = await writeEvent(req, {
        type,
        entity: spec.collection,
        entityId: id,
        entityVersion: c.version,
        actorRole: actor,
        ...parties,
        data,
      })
      c.eventId = written.id
      await runEventEffects(req, {
        id: c.eventId,
        type,
        entity: spec.collection,
        entityId: id,
        entityVersion: c.version,
        actorRole: actor,
        jobId: numberOrNull(parties.job),
        customerId: numberOrNull(parties.customer),
        providerId: numberOrNull(parties.provider),
        assignmentId: spec.collection === 'assignments' ? id : numberOrNull(c.facts.assignmentId ?? (c.subject as unknown as AnyDoc).assignment),
        quoteId: spec.collection === 'quotes' ? id : null,
        data,
        occurredAt: written.occurredAt,
      })
      return c
    } finally {
      releaseHeldLocks(req)
      discardAudit(req)
    }
  })
  const body = spec.respond ? spec.respond(ctx) : { [SINGULAR[spec.collection]]: ctx.subject }
  return { ctx, body: { ...(user ? await asTheUserSees(req, body) : body), event: { id: ctx.eventId } } }
}

const COLLECTION_OF: Record<string, Lockable> = Object.fromEntries(Object.entries(SINGULAR).map(([c, s]) => [s, c as Lockable]))

/**
 * The records an action answers with, read back (after commit) with the caller's own access, so an answer shows them
 * exactly the fields the REST API would — a customer never sees a payout's idempotency key because verifying made it.
 */
async function asTheUserSees(req: PayloadRequest, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = { ...body }
  for (const [key, value] of Object.entries(body)) {
    const collection = COLLECTION_OF[key]
    const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined
    if (!collection || typeof id !== 'number') continue
    seen[key] = await req.payload.findByID({ collection, id, req, user: req.user, overrideAccess: false, depth: 0, disableErrors: true })
  }
  return seen
}

const numberOrNull = (v: unknown): number | null => {
  const n = Number(idOf(v))
  return Number.isInteger(n) && n > 0 ? n : null
}

/** A record's job, customer and provider, so its audit rows and events are visible to the same people. */
function partiesFrom(doc: AnyDoc, parents: ActionContext['parents']) {
  const { jobId, customerId, providerId } = partiesOf(doc, parents.assignments as unknown as AnyDoc | undefined)
  return { job: jobId ?? parents.jobs?.id, customer: customerId, provider: providerId }
}

/** The request context of every write an action makes: hooks know a lifecycle move was decided, and by whom. */
export const actionContext = (action: string, actorRole: Actor) => ({
  transition: { action, actorRole },
  trusted: true,
  versionSet: true,
})

/** Whether every field `data` sets lives on the collection's own table (no arrays, hasMany, blocks or locales). */
function onMainTable(fields: readonly FlattenedField[], data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([key, value]) => {
    const field = fields.find((f) => f.name === key)
    if (!field) return false
    if (field.type === 'group') return typeof value === 'object' && value !== null && onMainTable(field.flattenedFields, value as Record<string, unknown>)
    if (field.type === 'array' || field.type === 'blocks' || field.localized) return false
    if ('hasMany' in field && field.hasMany) return false
    return !('relationTo' in field && Array.isArray(field.relationTo))
  })
}

/**
 * An action's write of a record it holds locked: one `UPDATE … RETURNING` of just those columns when they all live on
 * the record's own table (what an action usually writes: a status, a version, times), so a move costs one statement
 * and never rewrites the record's arrays; through the Local API otherwise (a list of excluded providers). Actions
 * decide every value themselves from the locked record, so the collection's hooks have nothing to add; `updatedAt`
 * is set here as Payload would. Answers the record as it is now: the locked read with the written fields over it.
 */
export async function writeRow(req: PayloadRequest, collection: Lockable, before: AnyDoc, data: Record<string, unknown>, context: Record<string, unknown>): Promise<AnyDoc> {
  const config = req.payload.collections[collection].config
  const row = { ...data, updatedAt: new Date().toISOString() }
  if (onMainTable(config.flattenedFields, data)) {
    const written = (await req.payload.db.updateOne({
      collection,
      where: { id: { equals: before.id } },
      data: row,
      req,
      options: { atomic: true },
      returning: true,
    })) as AnyDoc | null
    if (!written) throw new Error(`${collection} ${before.id} vanished under its lock.`)
    return { ...before, ...written }
  }
  return (await req.payload.update({ collection, id: before.id, data: row as never, ...opts(req), context })) as unknown as AnyDoc
}

async function move<M extends Lockable>(
  ctx: ActionContext,
  collection: M,
  id: number,
  action: string,
  { actor = 'system', data = {}, before: known }: MoveOptions = {},
): Promise<Doc<M>> {
  const { req } = ctx
  const held = known && holdsLock(req, collection, id) ? (known as AnyDoc) : undefined
  const [row] = held
    ? [{ status: String(held.status), version: Number(held.version ?? 1) }]
    : (await lockRows(req, { [collection]: id }))[collection]!
  const machine = MACHINE_OF[collection]
  const to = transition(machine, row.status as StateOf<Machine>, action, actor)
  const before = held ?? ((await req.payload.findByID({ collection, id, ...opts(req) })) as unknown as AnyDoc)
  const doc = await writeRow(req, collection, before, { ...data, status: to, version: row.version + 1 }, actionContext(action, actor))
  if (held) Object.assign(held, doc) // the caller's copy is the record as it is now
  await writeAuditEvent({
    req,
    entity: collection,
    entityId: id,
    machine,
    action,
    actorRole: actor,
    fromState: row.status,
    toState: to,
    ...partiesFrom(doc, ctx.parents),
    data: { cause: ctx.action },
  })
  return doc as unknown as Doc<M>
}

/** A Payload endpoint that runs the action for the signed-in user: parse, run, answer. */
export const actionEndpoint = <C extends Lockable, I>(spec: ActionSpec<C, I>, path: string): Endpoint => ({
  path,
  method: 'post',
  custom: {
    action: {
      machine: spec.machine,
      collection: spec.collection,
      status: spec.status ?? 200,
      ...spec.doc,
      answer: spec.doc.answer ?? { [SINGULAR[spec.collection]]: { record: spec.collection } },
    },
    body: { ...spec.doc.body, version: VERSION_FIELD },
  },
  handler: async (req) => {
    const { body } = await runAction(spec, { kind: 'client', req })
    return Response.json(body, { status: spec.status ?? 200 })
  },
})

/** Runs the action as the system (a task or the worker): no user to read as, no version to compare. */
export const runAsSystem = <C extends Lockable, I>(spec: ActionSpec<C, I>, req: PayloadRequest, id: number, input: I) =>
  runAction(spec, { kind: 'system', req, id, input })

/**
 * Runs the action as the user a signed one-tap link stands for (req.user set to them), after `claim` in its
 * transaction; `holds` checks the locked record is still what the link was signed for.
 */
export const runAsLink = <C extends Lockable, I>(
  spec: ActionSpec<C, I>,
  req: PayloadRequest,
  id: number,
  input: I,
  link: { claim: (req: PayloadRequest) => Promise<void>; holds: (subject: Record<string, unknown>) => void },
) => runAction(spec, { kind: 'link', req, id, input, ...link })
