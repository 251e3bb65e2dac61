'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'

import { appUrl } from '../api'
import { useSession } from './session'

/** Brand, the signed-in person's pages, and sign-in / sign-out. */
export function SiteHeader() {
  const session = useSession()
  const router = useRouter()
  const role = session.user?.role

  const signOut = async () => {
    await session.signOut()
    router.push('/login')
  }

  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Jobline
      </Link>
      <nav aria-label="Main">
        {role === 'customer' && <Link href="/jobs">My jobs</Link>}
        {role === 'provider' && (
          <>
            <Link href="/assignments">My assignments</Link>
            <Link href="/availability">Working hours</Link>
          </>
        )}
        {(role === 'customer' || role === 'provider') && <Link href="/account">Account</Link>}
        {role === 'ops' && <a href={appUrl('/admin')}>Ops console</a>}
      </nav>
      <div className="session">
        {session.status === 'signed-in' && (
          <>
            <span className="who">{session.user.name ?? session.user.email}</span>
            <button type="button" className="link-button" onClick={signOut}>
              Sign out
            </button>
          </>
        )}
        {session.status === 'signed-out' && <Link href="/login">Sign in</Link>}
      </div>
    </header>
  )
}
