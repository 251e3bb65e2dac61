'use client'

import Link from 'next/link'

import { useSession } from '../site/session'
import { CalendarFeed } from './CalendarFeed'
import { NotificationSettings } from './NotificationSettings'

/** `/account`: the signed-in customer's or provider's own settings. */
export function AccountPage() {
  const session = useSession()
  if (session.status === 'loading') return <p aria-live="polite">Loading…</p>
  if (session.status === 'signed-out')
    return (
      <section>
        <h1>Sign in to continue</h1>
        <p>
          <Link href="/login?next=%2Faccount">Sign in</Link> to see this page.
        </p>
      </section>
    )
  return (
    <>
      <h1>Your account</h1>
      <NotificationSettings user={session.user} />
      <CalendarFeed user={session.user} />
    </>
  )
}
