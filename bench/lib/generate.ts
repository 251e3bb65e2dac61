import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'

type Exec = { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
export const drizzle = (payload: Payload) => (payload.db as unknown as { drizzle: Exec }).drizzle

export type Population = { customerId: number; providerIds: number[]; customerEmail: string; password: string }

/** Users through Payload (real password hashes), then more providers copied by SQL with the same hash. */
export async function createPeople(payload: Payload, providers: number): Promise<Population> {
  const password = 'bench-password'
  const customer = await payload.create({
    collection: 'users',
    data: { email: 'bench-customer@example.com', password, name: 'Bench Customer', role: 'customer', timeZone: 'America/New_York' },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'users',
    data: { email: 'bench-ops@example.com', password, name: 'Bench Ops', role: 'ops', timeZone: 'UTC' },
    overrideAccess: true,
  })
  const first = await payload.create({
    collection: 'users',
    data: { email: 'bench-provider-0@example.com', password, name: 'Bench Provider 0', role: 'provider', timeZone: 'America/New_York' },
    overrideAccess: true,
  })
  await drizzle(payload).execute(sql`
    INSERT INTO users (name, role, time_zone, email, salt, hash)
    SELECT 'Bench Provider ' || g, 'provider', 'America/New_York', 'bench-provider-' || g || '@example.com', u.salt, u.hash
    FROM generate_series(1, ${providers - 1}) g, users u WHERE u.id = ${first.id}`)
  const { rows } = await drizzle(payload).execute(sql`SELECT id FROM users WHERE role = 'provider' AND email LIKE 'bench-provider-%' ORDER BY id`)
  return { customerId: customer.id, providerIds: rows.map((r) => Number(r.id)), customerEmail: customer.email, password }
}

/**
 * `count` jobs, each with an accepted quote and an assignment, spread over the providers: mostly finished work
 * (verified, cancelled) as a real table would hold, `scheduledShare` of them scheduled in the coming days on
 * non-overlapping slots per provider, and the rest waiting for a schedule.
 */
export async function createAssignments(
  payload: Payload,
  people: Population,
  count: number,
  { scheduledShare = 0.01, pendingShare = 0.01 }: { scheduledShare?: number; pendingShare?: number } = {},
): Promise<void> {
  const db = drizzle(payload)
  const providers = people.providerIds.length
  const firstProvider = people.providerIds[0]
  const { rows } = await db.execute(sql`SELECT coalesce(max(id), 0) AS max FROM jobs`)
  const base = Number(rows[0].max)
  await db.execute(sql`
    INSERT INTO jobs (id, title, customer_id, service_address_line1, service_address_city, service_address_country, time_zone, status, assigned_provider_id)
    SELECT ${base} + g, 'Bench job ' || g, ${people.customerId}, '1 Bench St', 'Boston', 'US', 'America/New_York', 'assigned',
      ${firstProvider} + (g % ${providers})
    FROM generate_series(1, ${count}) g`)
  await db.execute(sql`
    INSERT INTO quotes (id, job_id, provider_id, customer_id, amount, currency, status)
    SELECT ${base} + g, ${base} + g, ${firstProvider} + (g % ${providers}), ${people.customerId}, 10000 + g % 5000, 'USD', 'accepted'
    FROM generate_series(1, ${count}) g`)
  const scheduledEvery = Math.max(1, Math.round(1 / scheduledShare))
  const pendingEvery = Math.max(1, Math.round(1 / pendingShare))
  // slot k of a provider = now + 1 day + k * 3 hours: unique per provider, so the exclusion constraint holds
  await db.execute(sql`
    INSERT INTO assignments (id, job_id, quote_id, customer_id, provider_id, status, scheduled_start, scheduled_end, time_zone, version,
      payout_status, amount, currency, timestamps_accepted_at, timestamps_scheduled_at)
    SELECT ${base} + g, ${base} + g, ${base} + g, ${people.customerId}, ${firstProvider} + (g % ${providers}),
      (CASE WHEN g % ${scheduledEvery} = 0 THEN 'scheduled'
            WHEN g % ${pendingEvery} = 1 THEN 'pending_schedule'
            WHEN g % 7 = 0 THEN 'cancelled' ELSE 'verified' END)::enum_assignments_status,
      CASE WHEN g % ${scheduledEvery} = 0 THEN now() + interval '30 minutes' + (g / ${providers}) * interval '3 hours'
           WHEN g % ${pendingEvery} = 1 THEN NULL ELSE now() - interval '30 days' - (g % 300) * interval '1 day' END,
      CASE WHEN g % ${scheduledEvery} = 0 THEN now() + interval '30 minutes' + (g / ${providers}) * interval '3 hours' + interval '2 hours'
           WHEN g % ${pendingEvery} = 1 THEN NULL ELSE now() - interval '30 days' - (g % 300) * interval '1 day' + interval '2 hours' END,
      'America/New_York', 1, 'none', 10000 + g % 5000, 'USD', now() - interval '40 days', now() - interval '39 days'
    FROM generate_series(1, ${count}) g`)
  for (const table of ['jobs', 'quotes', 'assignments']) {
    await db.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`))
  }
  await db.execute(sql`ANALYZE jobs; ANALYZE quotes; ANALYZE assignments`)
}

/** Open provider proposals (two windows each) on `count` of the pending assignments, for the confirm benchmark. */
export async function createOpenProposals(payload: Payload, count: number): Promise<{ assignmentId: number; proposalId: number }[]> {
  const db = drizzle(payload)
  const { rows } = await db.execute(sql`
    INSERT INTO schedule_proposals (assignment_id, customer_id, provider_id, proposed_by_id, proposer_role, time_zone, status)
    SELECT a.id, a.customer_id, a.provider_id, a.provider_id, 'provider', 'America/New_York', 'open'
    FROM assignments a WHERE a.status = 'pending_schedule' ORDER BY a.id LIMIT ${count}
    RETURNING id, assignment_id`)
  // windows far in the future, one distinct day per proposal so no two confirms of one provider overlap
  await db.execute(sql`
    INSERT INTO schedule_proposals_windows (_order, _parent_id, id, start, "end")
    SELECT w, p.id, md5(p.id || ':' || w), now() + interval '60 days' + (p.id % 100000) * interval '1 day' + w * interval '3 hours',
      now() + interval '60 days' + (p.id % 100000) * interval '1 day' + w * interval '3 hours' + interval '2 hours'
    FROM schedule_proposals p, generate_series(1, 2) w WHERE p.status = 'open'`)
  return rows.map((r) => ({ assignmentId: Number(r.assignment_id), proposalId: Number(r.id) }))
}
