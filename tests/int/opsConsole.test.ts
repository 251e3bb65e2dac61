/**
 * The server side of the Ops console: every button the workbench shows, for a record in any state, posts to an
 * endpoint that takes it (200, the state the table says, one audit row); the assignment's title (`label`) follows its
 * job and customer; and the workflow fields the admin shows read-only cannot be edited over REST or GraphQL either.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { dbOf } from '../../src/db/sql'
import { actionsFrom, MACHINES, nextState, type Machine, type StateOf } from '../../src/domain/lifecycle'
import { assignmentLabel } from '../../src/domain/labels'
import { up as backfillLabels } from '../../src/migrations/20261201_234246_assignment_label_backfill'
import { opsButtonsFor } from '../../src/services/console/opsActions'
import { startTestApp, type TestApp } from '../helpers/app'
import { errorField } from '../helpers/client'
import { seedWorld, type World } from '../helpers/fixtures'
import { recordIn, type Made } from '../helpers/lifecycleStates'
import { StripeFake } from '../helpers/stripeFake'

let app: TestApp
let world: World
let fake: StripeFake

beforeAll(async () => {
  fake = await StripeFake.start()
  // Stripe configured against the local fake, so a failed capture can be retried from the console
  app = await startTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_jobline', STRIPE_API_BASE: fake.url } })
  world = await seedWorld(app.payload, app.baseUrl)
})
afterAll(async () => {
  await app?.close()
  await fake?.close()
})

const sys = { overrideAccess: true, depth: 0 } as const
const parties = () => ({ customerId: world.ids.customerA, providerId: world.ids.provider1 })
const COLLECTION = { job: 'jobs', quote: 'quotes', assignment: 'assignments', payout: 'payouts' } as const
type Console = keyof typeof COLLECTION
const idIn = (machine: Console, m: Made) => ({ job: m.jobId, quote: m.quoteId, assignment: m.assignmentId, payout: m.payoutId })[machine]!

const auditRows = async (entity: string, id: number) => {
  const { rows } = await dbOf(app.payload).execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE entity = ${entity} AND entity_id = ${String(id)}`)
  return Number(rows[0].n)
}

/** Every (machine, state, button) the console can show: Ops has something to do there. */
const CASES = (Object.keys(COLLECTION) as Console[]).flatMap((machine) =>
  (MACHINES[machine] as readonly string[])
    .filter((s) => !(machine === 'payout' && s === 'none'))
    .flatMap((state) => actionsFrom(machine as Machine, state as StateOf<Machine>, 'ops').map((t) => [machine, state, t.action] as const)),
)

describe('every workbench button', () => {
  it('covers the Ops actions of the table', () => {
    expect(CASES.length).toBe(14)
  })

  it.each(CASES)('%s %s → %s: posts what the console posts and the endpoint takes it', async (machine, state, action) => {
    const made = await recordIn(app.payload, parties(), machine, state)
    const id = idIn(machine, made)
    const collection = COLLECTION[machine]
    const record = await app.payload.findByID({ collection, id, ...sys })
    const button = opsButtonsFor({ machine, collection, id, status: state, version: record.version ?? 1, subject: 'test' }).find((b) => b.action === action)!
    // what the confirmation form sends: the fixed fields, every required note filled, the version it was rendered with
    const body: Record<string, unknown> = { ...button.fixed, version: button.version }
    for (const f of button.fields) body[f.name] = f.kind === 'checkbox' ? f.initial : f.required ? `Ops: ${action} from the console test.` : undefined
    const before = await auditRows(collection, id)

    const res = await world.clients.ops.post(`/api${button.path}`, body)

    expect([res.status, res.body?.errors?.[0]?.message]).toEqual([200, undefined])
    const expected = nextState(machine as Machine, state as StateOf<Machine>, action, 'ops')
    expect((await app.payload.findByID({ collection, id, ...sys })).status).toBe(expected.ok ? expected.to : 'refused')
    expect(await auditRows(collection, id)).toBe(before + 1)
  })

  it('sent twice with the same version changes the record once: the second is a 409 with the current version', async () => {
    const made = await recordIn(app.payload, parties(), 'assignment', 'disputed')
    const id = made.assignmentId!
    const [button] = opsButtonsFor({ machine: 'assignment', collection: 'assignments', id, status: 'disputed', version: 1, subject: 'test' })
    const body = { ...button.fixed, note: 'Checked the photos: the work is fine.', version: (await app.payload.findByID({ collection: 'assignments', id, ...sys })).version ?? 1 }
    const [a, b] = await Promise.all([world.clients.ops.post(`/api${button.path}`, body), world.clients.ops.post(`/api${button.path}`, body)])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const stale = a.status === 409 ? a : b
    expect(stale.body.errors[0].data).toMatchObject({ currentVersion: body.version + 1, state: 'verified' })
    const payouts = await app.payload.find({ collection: 'payouts', where: { assignment: { equals: id } }, ...sys })
    expect(payouts.totalDocs).toBe(1)
  })
})

describe("an assignment's label", () => {
  const labelOf = async (id: number) => (await app.payload.findByID({ collection: 'assignments', id, ...sys })).label

  it('names the job and the customer from the start', async () => {
    const made = await recordIn(app.payload, parties(), 'assignment', 'scheduled')
    expect(await labelOf(made.assignmentId!)).toBe(`Walk job ${made.n} — Alice Customer`)
  })

  it("follows the job's title and the customer's name, without moving the version or writing audit rows", async () => {
    const made = await recordIn(app.payload, parties(), 'assignment', 'pending_schedule')
    const id = made.assignmentId!
    const before = await app.payload.findByID({ collection: 'assignments', id, ...sys })
    const audit = await auditRows('assignments', id)
    expect((await world.clients.customerA.patch(`/api/jobs/${made.jobId}`, { title: 'Fix the garden gate' })).status).toBe(200)
    expect(await labelOf(id)).toBe('Fix the garden gate — Alice Customer')
    expect((await world.clients.customerA.patch(`/api/users/${world.ids.customerA}`, { name: 'Alice Example' })).status).toBe(200)
    expect(await labelOf(id)).toBe('Fix the garden gate — Alice Example')
    // every assignment of hers follows, the provider's name is not in the label
    const { docs } = await app.payload.find({ collection: 'assignments', where: { customer: { equals: world.ids.customerA } }, limit: 500, ...sys })
    expect(docs.filter((d) => !d.label?.endsWith(' — Alice Example'))).toEqual([])
    expect((await world.clients.provider1.patch(`/api/users/${world.ids.provider1}`, { name: 'Pat Renamed' })).status).toBe(200)
    expect(await labelOf(id)).toBe('Fix the garden gate — Alice Example')
    const after = await app.payload.findByID({ collection: 'assignments', id, ...sys })
    expect([after.version, await auditRows('assignments', id)]).toEqual([before.version, audit])
    await world.clients.customerA.patch(`/api/users/${world.ids.customerA}`, { name: 'Alice Customer' })
  })

  it('is filled for assignments that existed before it, in the same words (the hand-written migration)', async () => {
    const db = dbOf(app.payload)
    await db.execute(sql`UPDATE assignments SET label = NULL`)
    await backfillLabels({ db, payload: app.payload, req: {} } as never)
    const { docs } = await app.payload.find({ collection: 'assignments', limit: 1000, depth: 1, ...{ overrideAccess: true } })
    expect(docs.length).toBeGreaterThan(5)
    for (const a of docs) {
      const job = a.job as { title: string }
      expect(a.label).toBe(assignmentLabel(job.title, a.customer as { name: string; email: string }))
    }
  })

  it('is what the admin searches and titles by, and no one can set it', async () => {
    const { docs } = await app.payload.find({ collection: 'assignments', where: { label: { like: 'boiler' } }, ...sys })
    expect(docs.map((d) => d.label)).toEqual(['Service the boiler — Bob Customer'])
    expect(app.payload.collections.assignments.config.admin.useAsTitle).toBe('label')
    const res = await world.clients.ops.patch(`/api/assignments/${docs[0].id}`, { label: 'Something else' })
    expect(res.status).toBe(200) // no field access to set it: dropped, as for `version`
    expect((await app.payload.findByID({ collection: 'assignments', id: docs[0].id, ...sys })).label).toBe('Service the boiler — Bob Customer')
  })
})

describe('workflow fields', () => {
  let id: number
  beforeAll(async () => {
    id = (await recordIn(app.payload, parties(), 'assignment', 'scheduled')).assignmentId!
  })

  it.each([
    ['scheduledStart', { scheduledStart: '2030-01-01T10:00:00.000Z' }],
    ['scheduledEnd', { scheduledEnd: '2030-01-01T12:00:00.000Z' }],
    ['payoutStatus', { payoutStatus: 'captured' }],
    ['payment', { payment: { paymentIntentId: 'pi_someone_elses' } }],
  ])('%s: an Ops PATCH that changes it is a 403 naming it, and changes nothing', async (field, data) => {
    const before = await app.payload.findByID({ collection: 'assignments', id, ...sys })
    const res = await world.clients.ops.patch(`/api/assignments/${id}`, data)
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toContain(`"${field}"`)
    expect(await app.payload.findByID({ collection: 'assignments', id, ...sys })).toEqual(before)
  })

  it('sending the stored values back (as the admin form does) is fine', async () => {
    const a = await app.payload.findByID({ collection: 'assignments', id, ...sys })
    const res = await world.clients.ops.patch(`/api/assignments/${id}`, {
      scheduledStart: a.scheduledStart,
      scheduledEnd: a.scheduledEnd,
      payoutStatus: a.payoutStatus,
      timeZone: a.timeZone,
      payment: a.payment,
      status: a.status,
    })
    expect([res.status, errorField(res.body)]).toEqual([200, undefined])
  })

  it('GraphQL refuses the same edit', async () => {
    const res = await world.clients.ops.gql(`mutation { updateAssignment(id: ${id}, data: { scheduledStart: "2030-01-01T10:00:00.000Z" }) { id scheduledStart } }`)
    expect(res.body.errors?.[0]?.message).toContain('"scheduledStart"')
    expect((await app.payload.findByID({ collection: 'assignments', id, ...sys })).scheduledStart).not.toBe('2030-01-01T10:00:00.000Z')
  })
})
