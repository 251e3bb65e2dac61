import type { Payload, TypedUser } from 'payload'

import { QUEUE_TABS } from './PayoutsView'

/** The Ops queues in the admin sidebar, after the collection links (Ops only, like the view). */
export function PayoutsNavLink({ payload, user }: { payload: Payload; user?: TypedUser | null }) {
  if ((user as { role?: string } | null | undefined)?.role !== 'ops') return null
  const base = `${payload.config.routes.admin}/payouts`
  return (
    <div className="jl-nav-links">
      {QUEUE_TABS.map((t) => (
        <a key={t.key} href={t.key === 'review' ? base : `${base}?tab=${t.key}`} className="nav__link jl-nav-link">
          {t.nav}
        </a>
      ))}
    </div>
  )
}
