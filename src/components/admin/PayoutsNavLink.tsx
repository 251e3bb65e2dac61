import type { Payload, TypedUser } from 'payload'

import { queuePath, QUEUE_TABS } from './queues'

/** The Ops queues in the admin sidebar, after the collection links (Ops only, like the view). */
export function PayoutsNavLink({ payload, user }: { payload: Payload; user?: TypedUser | null }) {
  if ((user as { role?: string } | null | undefined)?.role !== 'ops') return null
  return (
    <div className="jl-nav-links">
      {QUEUE_TABS.map((t) => (
        <a key={t.key} href={queuePath(payload.config.routes.admin, t.key)} className="nav__link jl-nav-link">
          {t.nav}
        </a>
      ))}
    </div>
  )
}
