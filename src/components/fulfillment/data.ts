/** What an assignment page reads, client-side through the REST API (so it also works behind a static host). */
import type { Assignment, AuditEvent, Job, Payout, ReminderLog, ScheduleProposal } from '@/payload-types'
import { api, list, type QueryValue } from '../api'

export type AssignmentBundle = {
  assignment: Assignment
  proposals: ScheduleProposal[]
  reminders: ReminderLog[]
  payouts: Payout[]
}

export const relId = (value: unknown): number | undefined =>
  value == null ? undefined : typeof value === 'object' ? (value as { id: number }).id : Number(value)

/** The assignment and what hangs off it; four reads in parallel, none per row. */
export async function loadAssignmentBundle(id: number): Promise<AssignmentBundle> {
  const [assignment, proposals, reminders, payouts] = await Promise.all([
    api<Assignment>(`/assignments/${id}?depth=0`),
    list<ScheduleProposal>('schedule-proposals', { where: { assignment: { equals: id } }, sort: '-createdAt' }),
    list<ReminderLog>('reminder-logs', { where: { assignment: { equals: id } }, sort: '-createdAt' }),
    list<Payout>('payouts', { where: { assignment: { equals: id } } }),
  ])
  return { assignment, proposals: proposals.docs, reminders: reminders.docs, payouts: payouts.docs }
}

/**
 * The status timeline: the job's events (job, quotes and assignments carry the job) plus those of the assignment's
 * proposals and payout, which do not. One query, oldest first.
 */
export async function loadTimeline(jobId: number | undefined, bundle: AssignmentBundle | null): Promise<AuditEvent[]> {
  const or: QueryValue[] = []
  if (jobId) or.push({ job: { equals: jobId } })
  if (bundle) {
    or.push({ and: [{ entity: { equals: 'assignments' } }, { entityId: { equals: String(bundle.assignment.id) } }] })
    const byEntity = (entity: string, ids: number[]) =>
      ids.length ? or.push({ and: [{ entity: { equals: entity } }, { entityId: { in: ids.map(String) } }] }) : undefined
    byEntity('schedule-proposals', bundle.proposals.map((p) => p.id))
    byEntity('payouts', bundle.payouts.map((p) => p.id))
  }
  if (!or.length) return []
  const { docs } = await list<AuditEvent>('audit-events', { where: { or }, sort: 'at', limit: 200 })
  return docs
}

/** The job of an assignment, or null when the viewer may no longer see it (a provider who gave it back). */
export const loadJob = (id: number) => api<Job>(`/jobs/${id}?depth=0`).catch(() => null)
