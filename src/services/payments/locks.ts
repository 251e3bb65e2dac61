import type { PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { sqlOf } from '../actions/transaction'
import { notFound } from '../../utilities/errors'

type Locked = { id: number; status: string; version?: number }

/**
 * Row locks taken inside an action's transaction, before its lifecycle check: of two requests racing on one record,
 * the second waits, then reads the first one's result (and gets a 409 from the table instead of a second write).
 */
export async function lockAssignment(req: PayloadRequest, id: number): Promise<Locked> {
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`SELECT id, status, version FROM assignments WHERE id = ${id} FOR UPDATE`)
  if (!rows[0]) throw notFound(`No assignment ${id}.`)
  return { id: Number(rows[0].id), status: String(rows[0].status), version: Number(rows[0].version) }
}

export async function lockPayout(req: PayloadRequest, id: number): Promise<Locked> {
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`SELECT id, status FROM payouts WHERE id = ${id} FOR UPDATE`)
  if (!rows[0]) throw notFound(`No payout ${id}.`)
  return { id: Number(rows[0].id), status: String(rows[0].status) }
}

export async function lockJob(req: PayloadRequest, id: number): Promise<Locked> {
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`SELECT id, status FROM jobs WHERE id = ${id} FOR UPDATE`)
  if (!rows[0]) throw notFound(`No job ${id}.`)
  return { id: Number(rows[0].id), status: String(rows[0].status) }
}
