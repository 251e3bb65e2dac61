import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps, Payload, TypedUser } from 'payload'
import React from 'react'

import type { Assignment, Job, Payout } from '@/payload-types'
import { opsButtonsFor } from '@/services/console/opsActions'
import { ageText } from './age'
import { queuePath, queueTabOf, QUEUE_TABS, type QueueTab } from './queues'
import { amountText, cardHoldText, nameOf } from './workbench/facts'
import { QueueTable, type QueueRow } from './workbench/QueueTable'

const jobOf = (a: unknown) => (a && typeof a === 'object' && typeof (a as Assignment).job === 'object' ? ((a as Assignment).job as Job) : null)
const since = (iso: string, now: Date) => (
  <time dateTime={iso} title={iso}>
    {ageText(new Date(iso), now)}
  </time>
)

type Ctx = { payload: Payload; user: TypedUser; adminRoute: string; now: Date }
const as = (user: TypedUser) => ({ user, overrideAccess: false }) as const

function payoutCells(p: Payout, ctx: Ctx) {
  const assignment = typeof p.assignment === 'object' ? (p.assignment as Assignment) : null
  const assignmentId = assignment?.id ?? (p.assignment as number)
  return {
    reference: p.reference,
    job: <a href={`${ctx.adminRoute}/collections/assignments/${assignmentId}`}>{jobOf(assignment)?.title ?? `Assignment ${assignmentId}`}</a>,
    parties: `${nameOf(p.customer)} → ${nameOf(p.provider)}`,
    amount: <span className="jl-amount">{amountText(p.amount, p.currency)}</span>,
  }
}

const payoutButtons = (p: Payout) =>
  opsButtonsFor({ machine: 'payout', collection: 'payouts', id: p.id, status: p.status, version: p.version ?? 1, subject: p.reference })

/** Payouts waiting for Ops, oldest first: approve to pay the provider, reject with a note. */
async function reviewRows(ctx: Ctx): Promise<QueueRow[]> {
  const { docs } = await ctx.payload.find({ collection: 'payouts', where: { status: { equals: 'pending_review' } }, sort: 'createdAt', depth: 2, limit: 200, ...as(ctx.user) })
  return docs.map((p) => {
    const c = payoutCells(p, ctx)
    return { id: String(p.id), testId: `payout-${p.reference}`, cells: [c.reference, c.job, c.parties, c.amount, since(p.createdAt, ctx.now), p.manualReason ?? ''], buttons: payoutButtons(p) }
  })
}

/** Captures that failed for good, oldest first, with Stripe's error: retry while the hold lasts, or settle by hand. */
async function failedRows(ctx: Ctx): Promise<QueueRow[]> {
  const { docs } = await ctx.payload.find({ collection: 'payouts', where: { status: { equals: 'failed' } }, sort: 'updatedAt', depth: 2, limit: 200, ...as(ctx.user) })
  return docs.map((p) => {
    const c = payoutCells(p, ctx)
    const error = <span className="jl-error-text">{p.lastError ?? 'No error recorded'}</span>
    return { id: String(p.id), testId: `failed-${p.reference}`, cells: [c.reference, c.job, c.parties, c.amount, since(p.updatedAt, ctx.now), error, String(p.attempts ?? 0)], buttons: payoutButtons(p) }
  })
}

/** Disputed assignments, longest-waiting first (when each became disputed, from its audit rows), with the customer's reason. */
async function disputeRows(ctx: Ctx): Promise<QueueRow[]> {
  const { docs } = await ctx.payload.find({ collection: 'assignments', where: { status: { equals: 'disputed' } }, depth: 1, limit: 200, ...as(ctx.user) })
  const ids = docs.map((a) => String(a.id))
  const moves = ids.length
    ? await ctx.payload.find({
        collection: 'audit-events',
        where: { and: [{ entity: { equals: 'assignments' } }, { entityId: { in: ids } }, { toState: { equals: 'disputed' } }] },
        sort: 'at',
        limit: 1000,
        depth: 0,
        ...as(ctx.user),
      })
    : { docs: [] }
  const disputedAt = new Map<string, string>()
  for (const m of moves.docs) disputedAt.set(m.entityId, m.at) // sorted by time: the last move into `disputed` wins
  const rows = docs.map((a) => ({ a, at: disputedAt.get(String(a.id)) ?? a.updatedAt }))
  rows.sort((x, y) => x.at.localeCompare(y.at))
  return rows.map(({ a, at }) => {
    const job = jobOf(a)
    const tz = a.timeZone ?? 'UTC'
    return {
      id: String(a.id),
      testId: `dispute-${a.id}`,
      cells: [
        <a key="job" href={`${ctx.adminRoute}/collections/assignments/${a.id}`}>
          {job?.title ?? `Assignment ${a.id}`}
        </a>,
        `${nameOf(a.customer)} → ${nameOf(a.provider)}`,
        <span key="amount" className="jl-amount">
          {amountText(a.amount, a.currency)}
        </span>,
        since(at, ctx.now),
        a.disputeReason ?? '',
        cardHoldText(a, tz),
      ],
      buttons: opsButtonsFor({ machine: 'assignment', collection: 'assignments', id: a.id, status: a.status ?? 'disputed', version: a.version ?? 1, subject: a.label ?? job?.title ?? `Assignment ${a.id}` }),
    }
  })
}

const TABLES: Record<QueueTab, { intro: string; columns: string[]; empty: string; rows: (ctx: Ctx) => Promise<QueueRow[]> }> = {
  review: {
    intro: 'Verified work whose payout needs Ops: approve to pay the provider, or reject with a note saying why. Oldest first.',
    columns: ['Payout', 'Job', 'Customer → provider', 'Amount', 'Waiting', 'Why manual'],
    empty: 'No payouts are waiting for review.',
    rows: reviewRows,
  },
  disputes: {
    intro: 'Customers reported a problem with completed work; no money moves until Ops resolve it. Longest-waiting first.',
    columns: ['Job', 'Customer → provider', 'Amount', 'Disputed', 'Reason', 'Card hold'],
    empty: 'No open disputes.',
    rows: disputeRows,
  },
  failed: {
    intro: "Captures Stripe refused for good: retry while the card hold lasts, or send the payout to review and settle it by hand.",
    columns: ['Payout', 'Job', 'Customer → provider', 'Amount', 'Failed', 'Error', 'Attempts'],
    empty: 'No failed captures.',
    rows: failedRows,
  },
}

/**
 * `/admin/payouts`: the Ops queues — payouts to review, open disputes, failed captures — each row with the buttons of
 * what Ops may do from its state (the same endpoints a client calls). Custom admin views are not guarded by
 * `access.admin`, so this one checks the user itself; everything is read with the user's access.
 */
export async function PayoutsView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, locale, visibleEntities } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  const user = req.user
  if (!user) redirect(`${adminRoute}/login?redirect=${encodeURIComponent(`${adminRoute}/payouts`)}`)
  if ((user as { role?: string }).role !== 'ops') redirect(`${adminRoute}/unauthorized`)

  const tab = queueTabOf(searchParams?.tab)
  const ctx: Ctx = { payload: req.payload, user, adminRoute, now: new Date() }
  const table = TABLES[tab]
  const counts = await Promise.all([
    req.payload.count({ collection: 'payouts', where: { status: { equals: 'pending_review' } }, ...as(user) }),
    req.payload.count({ collection: 'assignments', where: { status: { equals: 'disputed' } }, ...as(user) }),
    req.payload.count({ collection: 'payouts', where: { status: { equals: 'failed' } }, ...as(user) }),
  ])
  const rows = await table.rows(ctx)
  const title = QUEUE_TABS.find((t) => t.key === tab)!.title
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={user}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <div className="jl-payouts">
          <nav className="jl-tabs" aria-label="Ops queues">
            {QUEUE_TABS.map((t, i) => (
              <a key={t.key} href={queuePath(adminRoute, t.key)} aria-current={t.key === tab ? 'page' : undefined}>
                {t.title} <span className="jl-count">{counts[i].totalDocs}</span>
              </a>
            ))}
          </nav>
          <h1>{title}</h1>
          <p className="jl-muted">{table.intro}</p>
          <QueueTable key={tab} columns={table.columns} rows={rows} emptyText={table.empty} />
        </div>
      </Gutter>
    </DefaultTemplate>
  )
}
