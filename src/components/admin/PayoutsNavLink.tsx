import type { Payload, TypedUser } from 'payload'

/** "Review payouts" in the admin sidebar, after the collection links (Ops only, like the view). */
export function PayoutsNavLink({ payload, user }: { payload: Payload; user?: TypedUser | null }) {
  if ((user as { role?: string } | null | undefined)?.role !== 'ops') return null
  return (
    <a href={`${payload.config.routes.admin}/payouts`} className="nav__link jl-nav-link">
      Review payouts
    </a>
  )
}
