import type { PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import type { Assignment } from '../../payload-types'
import { forbidden } from '../../utilities/errors'
import { sameId } from '../../utilities/idOf'
import type { SignedInUser } from '../actions/request'
import { sqlOf } from '../actions/transaction'

/** The side ('customer' or 'provider') the user is on for this assignment, or 403. */
export function sideOf(user: SignedInUser, assignment: Pick<Assignment, 'customer' | 'provider'>): 'customer' | 'provider' {
  if (user.role === 'customer' && sameId(assignment.customer, user.id)) return 'customer'
  if (user.role === 'provider' && sameId(assignment.provider, user.id)) return 'provider'
  throw forbidden('Only the customer and the assigned provider schedule this visit.')
}

/** Locks the assignment row for the rest of the transaction and returns what the checks need. */
export async function lockAssignment(req: PayloadRequest, id: number) {
  const db = await sqlOf(req)
  const { rows } = await db.execute(
    sql`SELECT id, status, version, scheduled_start, calendar_sequence FROM assignments WHERE id = ${id} FOR UPDATE`,
  )
  const row = rows[0]
  if (!row) return null
  return {
    id: Number(row.id),
    status: String(row.status) as NonNullable<Assignment['status']>,
    version: Number(row.version),
    scheduledStart: row.scheduled_start ? new Date(String(row.scheduled_start)) : null,
    calendarSequence: Number(row.calendar_sequence ?? 0),
  }
}
