'use client'

import Link from 'next/link'
import { usePathname, useSearchParams } from 'next/navigation'
import React from 'react'

import type { User } from '@/payload-types'
import { homeFor, useSession } from './session'

/** Renders `children(user)` for a signed-in user of `role`; otherwise says what to do instead. */
export function RequireRole({ role, children }: { role: NonNullable<User['role']>; children: (user: User) => React.ReactNode }) {
  const session = useSession()
  const pathname = usePathname()
  const search = useSearchParams()

  if (session.status === 'loading') return <p aria-live="polite">Loading…</p>
  if (session.status === 'signed-out') {
    const here = `${pathname}${search.size ? `?${search.toString()}` : ''}`
    return (
      <section>
        <h1>Sign in to continue</h1>
        <p>
          <Link href={`/login?next=${encodeURIComponent(here)}`}>Sign in</Link> to see this page.
        </p>
      </section>
    )
  }
  if (session.user.role !== role) {
    return (
      <section>
        <h1>This page is for {role}s</h1>
        <p>
          You are signed in as a {session.user.role}. <Link href={homeFor(session.user.role)}>Go to your pages</Link>.
        </p>
      </section>
    )
  }
  return <>{children(session.user)}</>
}
