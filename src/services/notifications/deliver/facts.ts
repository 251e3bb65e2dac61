import { sql } from '@payloadcms/db-postgres'

import { render } from '../../../templates'
import { type Db, date, num } from '../../../db/sql'
import { signOneTap } from '../../oneTap/token'
import type { TemplateContext } from '../../../templates'
import { JOB_COLUMNS, loadTemplateContexts, narrowedForNow } from '../context'
import { asRecipientRole, recipientColumns, recipientFromRow } from '../recipients'
import type { Claimed, DeliveryOptions, Facts, Message, ToSend } from './types'

/** What is true now about each claimed row's assignment, quote and recipient: one query for the batch. */
export async function readFacts(tx: Db, claimed: Claimed[]): Promise<Map<number, Facts>> {
  // Each row's assignment, quote and recipient by primary key (LATERAL … LIMIT 1 keeps the planner from hashing whole
  // tables for a batch of 250: it did, reading all of assignments and quotes for every batch).
  const { rows } = await tx.execute(sql`
    SELECT l.id AS log_id, l.planned_start, l.recipient_id,
      a.status AS a_status, a.scheduled_start AS a_start, a.scheduled_end AS a_end, a.version AS a_version,
      a.timestamps_accepted_at AS a_accepted, a.timestamps_provider_completed_at AS a_completed,
      q.status AS q_status, coalesce(a.job_id, q.job_id) AS job_id,
      ${recipientColumns('u')}
    FROM unnest(${sql.param(claimed.map((c) => c.id))}::int[]) AS v(id)
      JOIN reminder_logs l ON l.id = v.id
      LEFT JOIN LATERAL (SELECT * FROM assignments WHERE id = l.assignment_id LIMIT 1) a ON true
      LEFT JOIN LATERAL (SELECT * FROM quotes WHERE id = l.quote_id LIMIT 1) q ON true
      LEFT JOIN LATERAL (SELECT * FROM users WHERE id = l.recipient_id LIMIT 1) u ON true`)
  const byLog = new Map(rows.map((r) => [num(r.log_id), r]))
  return new Map(
    claimed.map((c) => {
      const r = byLog.get(c.id) ?? {}
      const facts: Facts = {
        kind: c.kind,
        channel: c.channel,
        logId: c.id,
        plannedStart: date(r.planned_start),
        assignment:
          r.a_status == null
            ? null
            : {
                status: String(r.a_status),
                scheduledStart: date(r.a_start),
                scheduledEnd: date(r.a_end),
                version: num(r.a_version),
                acceptedAt: date(r.a_accepted),
                providerCompletedAt: date(r.a_completed),
              },
        quote: r.q_status == null ? null : { status: String(r.q_status) },
        recipient: r.id == null ? null : recipientFromRow(r),
        jobId: r.job_id == null ? null : num(r.job_id),
        recipientId: r.recipient_id == null ? null : num(r.recipient_id),
      }
      return [c.id, facts]
    }),
  )
}

/**
 * The text of each message: as recorded (events are rendered when they happen), else rendered now from what is true
 * now. A message that cannot be rendered (its assignment or quote is gone) is an Error, handled as a failed send.
 */
export async function messagesFor(db: Db, toSend: ToSend[], opts: DeliveryOptions): Promise<Map<number, Message | Error>> {
  const messages = new Map<number, Message | Error>()
  const toRender = toSend.filter((t) => !t.claimed.body)
  const stored = toSend.filter((t) => t.claimed.body)
  for (const t of stored) messages.set(t.claimed.id, { subject: t.claimed.subject, text: t.claimed.body! })
  await readableNow(db, stored, messages)
  if (!toRender.length) return messages
  const contexts = await loadTemplateContexts(
    db,
    toRender.map((t) => ({
      kind: t.claimed.kind,
      assignmentId: t.claimed.assignmentId,
      quoteId: t.claimed.quoteId,
      recipient: {
        name: t.facts.recipient?.name ?? '',
        role: asRecipientRole(t.facts.recipient?.role ?? 'customer'),
        id: t.facts.recipientId ?? undefined,
      },
    })),
    { appUrl: opts.appUrl, overdueSlaMinutes: opts.settings.overdueMinutes },
  )
  toRender.forEach((t, i) => {
    const context = withOneTap(contexts[i], t)
    messages.set(
      t.claimed.id,
      context
        ? render(t.claimed.kind, t.claimed.channel, context)
        : new Error(`Nothing to render: the ${t.claimed.assignmentId ? 'assignment' : 'quote'} is gone.`),
    )
  })
  return messages
}

/**
 * A message recorded for a party carries the job's address as they could read it then; sent later, it says only what
 * they may read now (a provider the work was taken away from meanwhile gets the outline of the address, as REST would
 * answer them), and a calendar invite it carried, which names the street and the other party, is left off.
 */
async function readableNow(db: Db, stored: ToSend[], messages: Map<number, Message | Error>): Promise<void> {
  const parties = stored.filter((t) => t.facts.jobId !== null && t.facts.recipientId !== null && t.facts.recipient && t.facts.recipient.role !== 'ops')
  if (!parties.length) return
  const { rows } = await db.execute(sql`SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.id = ANY(${sql.param([...new Set(parties.map((t) => t.facts.jobId!))])}::int[])`)
  const jobs = new Map(rows.map((r) => [num(r.job_id), r]))
  for (const t of parties) {
    const job = jobs.get(t.facts.jobId!)
    const message = messages.get(t.claimed.id)
    if (!job || !message || message instanceof Error) continue
    const recipient = { name: t.facts.recipient!.name, role: asRecipientRole(t.facts.recipient!.role), id: t.facts.recipientId! }
    const narrowed = narrowedForNow(job, recipient, { subject: message.subject, text: message.text, ics: t.claimed.ics })
    if (narrowed) messages.set(t.claimed.id, { subject: narrowed.subject, text: narrowed.text, withoutInvite: narrowed.withoutInvite })
  }
}

/**
 * A visit reminder email carries its recipient's one-tap links: "I'll be there" signed for them, this assignment and
 * the attend action, expiring when the visit ends; "I need another time" opens the propose form on their own page.
 */
function withOneTap(context: TemplateContext | null, t: ToSend): TemplateContext | null {
  const end = t.facts.assignment?.scheduledEnd
  if (!context || t.claimed.kind !== 'visit_reminder' || t.claimed.channel !== 'email' || !t.claimed.assignmentId || !t.facts.recipientId || !end) return context
  const token = signOneTap({ assignmentId: t.claimed.assignmentId, userId: t.facts.recipientId, action: 'attend', expiresAt: end })
  const anotherTime =
    context.recipient.role === 'provider'
      ? `${context.appUrl}/assignments/view?id=${t.claimed.assignmentId}&propose=1`
      : `${context.appUrl}/jobs/view?id=${context.job.id}&propose=1`
  return { ...context, oneTap: { attend: `${context.appUrl}/tap?t=${encodeURIComponent(token)}`, anotherTime } }
}
