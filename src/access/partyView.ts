/**
 * What one party may see of a visit outside the collections' own reads — the calendar feed, a visit's .ics, the text
 * and invite of a message — asked of the same field policy at the moment it is served: the street, the postcode and
 * the other party's e-mail only while the relation allows them (src/access/fieldPolicy.ts). Pure.
 */
import type { AddressParts } from '../domain/address'
import { canReadField, relationTo, type Relation, type Viewer } from './fieldPolicy'

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'region', 'postalCode', 'postalArea', 'country'] as const

/** The parts of a job's service address this viewer reads, in this relation to the job; the others left out. */
export function readableAddress(address: AddressParts | null | undefined, viewer: Viewer, jobRelation: Relation | null): AddressParts {
  const parts: AddressParts = {}
  for (const key of ADDRESS_PARTS) {
    if (address?.[key] && canReadField('jobs', `serviceAddress.${key}`, viewer.role, jobRelation)) parts[key] = address[key]
  }
  return parts
}

/** The viewer's relation to a job, from the job's own fields (customer, status, assignedProvider). */
export const jobRelation = (viewer: Viewer, job: { customer?: unknown; status?: unknown; assignedProvider?: unknown }): Relation | null =>
  relationTo('jobs', viewer, job as Record<string, unknown>)

/** Whether the viewer reads this field of another user, in their relation to that user (`assigned`, `finished`, …). */
export const readsOfUser = (viewer: Viewer, field: 'name' | 'email' | 'phone', relation: Relation | null): boolean =>
  canReadField('users', field, viewer.role, relation)
