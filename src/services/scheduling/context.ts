import type { PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import type { Availability, Weekday } from '../../domain/availability'
import type { Window } from '../../domain/windows'
import type { User } from '../../payload-types'
import { sqlOf } from '../../db/sql'

/** A provider's weekly hours and blackouts as the pure rules expect them. */
export function availabilityOf(provider: User): Availability | undefined {
  const weeklyHours = (provider.availability?.weeklyHours ?? []).map((h) => ({ day: Number(h.day) as Weekday, start: h.start, end: h.end }))
  const blackoutDates = (provider.availability?.blackoutDates ?? []).map((b) => b.date)
  if (!weeklyHours.length && !blackoutDates.length) return undefined
  return { timeZone: provider.timeZone ?? 'UTC', weeklyHours, blackoutDates }
}

/** The provider's other scheduled visits that touch [from, to): one indexed range query, not one per window. */
export async function otherVisits(req: PayloadRequest, providerId: number, exceptAssignmentId: number, from: Date, to: Date): Promise<Window[]> {
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`
    SELECT scheduled_start, scheduled_end FROM assignments
    WHERE provider_id = ${providerId} AND status = 'scheduled' AND id <> ${exceptAssignmentId}
      AND scheduled_start < ${to.toISOString()}::timestamptz AND scheduled_end > ${from.toISOString()}::timestamptz
    ORDER BY scheduled_start`)
  return rows.map((r) => ({ start: new Date(String(r.scheduled_start)), end: new Date(String(r.scheduled_end)) }))
}
