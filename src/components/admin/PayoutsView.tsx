import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps } from 'payload'

import { formatMoney } from '@/domain/money'
import type { Assignment, Job, Payout, User } from '@/payload-types'
import { ageText } from './age'
import { PayoutReviewList, type PayoutRow } from './PayoutReviewList'

const nameOf = (u: number | User | null | undefined) => (u && typeof u === 'object' ? u.name || u.email : u ? `User ${u}` : '—')

function toRow(p: Payout, now: Date, adminRoute: string): PayoutRow {
  const assignment = typeof p.assignment === 'object' ? (p.assignment as Assignment) : null
  const job = assignment && typeof assignment.job === 'object' ? (assignment.job as Job) : null
  const assignmentId = assignment?.id ?? (p.assignment as number)
  return {
    id: p.id,
    reference: p.reference,
    amount: formatMoney({ amount: p.amount, currency: p.currency ?? 'USD' }),
    job: job?.title ?? `Assignment ${assignmentId}`,
    assignmentHref: `${adminRoute}/collections/assignments/${assignmentId}`,
    customer: nameOf(p.customer),
    provider: nameOf(p.provider),
    age: ageText(new Date(p.createdAt), now),
    waitingSince: p.createdAt,
    manualReason: p.manualReason ?? '',
    version: p.version ?? 1,
  }
}

/**
 * `/admin/payouts`: payouts waiting for Ops review, oldest first, with Approve / Reject. Custom admin views are not
 * guarded by `access.admin`, so this one checks the user itself; the list is read with the user's access.
 */
export async function PayoutsView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, locale, visibleEntities } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  const user = req.user
  if (!user) redirect(`${adminRoute}/login?redirect=${encodeURIComponent(`${adminRoute}/payouts`)}`)
  if ((user as { role?: string }).role !== 'ops') redirect(`${adminRoute}/unauthorized`)

  const { docs } = await req.payload.find({
    collection: 'payouts',
    where: { status: { equals: 'pending_review' } },
    sort: 'createdAt',
    depth: 2,
    limit: 200,
    user,
    overrideAccess: false,
  })
  const now = new Date()
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
          <h1>Payouts to review</h1>
          <p className="jl-muted">
            Verified work whose payout needs Ops: approve to pay the provider, or reject with a note saying why. Oldest
            first.
          </p>
          <PayoutReviewList rows={docs.map((p) => toRow(p, now, adminRoute))} />
        </div>
      </Gutter>
    </DefaultTemplate>
  )
}
