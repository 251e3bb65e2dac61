import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { sqlOf } from '../db/sql'
import { assignmentLabel } from '../domain/labels'
import { idOf } from '../utilities/idOf'

/**
 * `assignments.label` ("<job title> — <customer>") is stored so the admin can use it as the title, search and sort by
 * it. It is set when the assignment is created and rewritten when the job's title or the customer's name changes; it
 * is display text only, so the rewrite is plain SQL that moves no version and leaves no audit row.
 */
export const labelNewAssignment: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const opts = { req, overrideAccess: true, depth: 0, disableErrors: true } as const
  const [job, customer] = await Promise.all([
    req.payload.findByID({ collection: 'jobs', id: Number(idOf(data.job)), select: { title: true }, ...opts }),
    req.payload.findByID({ collection: 'users', id: Number(idOf(data.customer)), select: { name: true, email: true }, ...opts }),
  ])
  return { ...data, label: assignmentLabel(job?.title, customer) }
}

/** A job's new title reaches its assignments (all of them are the job customer's). */
export const relabelJobAssignments: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || doc.title === previousDoc?.title) return doc
  const customer = await req.payload.findByID({
    collection: 'users',
    id: Number(idOf(doc.customer)),
    select: { name: true, email: true },
    req,
    overrideAccess: true,
    depth: 0,
    disableErrors: true,
  })
  const db = await sqlOf(req)
  await db.execute(sql`UPDATE assignments SET label = ${assignmentLabel(doc.title, customer)} WHERE job_id = ${doc.id}`)
  return doc
}

/** A customer's new name (or email, when they have no name) reaches the assignments of their jobs. */
export const relabelCustomerAssignments: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || (doc.name === previousDoc?.name && doc.email === previousDoc?.email)) return doc
  const db = await sqlOf(req)
  const { rows } = await db.execute(sql`
    SELECT a.id, j.title FROM assignments a JOIN jobs j ON j.id = a.job_id WHERE a.customer_id = ${doc.id}`)
  if (!rows.length) return doc
  const ids = rows.map((r) => Number(r.id))
  const labels = rows.map((r) => assignmentLabel(r.title as string, doc))
  await db.execute(sql`
    UPDATE assignments a SET label = v.label
    FROM unnest(${sql.param(ids)}::int[], ${sql.param(labels)}::text[]) AS v(id, label)
    WHERE a.id = v.id`)
  return doc
}
