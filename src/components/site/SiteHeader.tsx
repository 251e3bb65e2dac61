'use client'

import Link from 'next/link'
import { usePathname, useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { appUrl } from '../api'
import { useSession } from './session'

/**
 * Brand, the signed-in person's pages, and sign-in / sign-out. On a phone the pages and the account fold behind a
 * Menu button (a provider in the field has one thumb free); from 641 px wide they sit in one row as before.
 */
export function SiteHeader() {
  const session = useSession()
  const router = useRouter()
  const pathname = usePathname()
  const [open, setOpen] = useState(false)
  const role = session.user?.role

  // a page opened from the menu closes it
  useEffect(() => setOpen(false), [pathname])

  const signOut = async () => {
    setOpen(false)
    await session.signOut()
    router.push('/login')
  }

  return (
    <header className={`site-header${open ? ' open' : ''}`}>
      <Link href="/" className="brand">
        Jobline
      </Link>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="site-menu" onClick={() => setOpen(!open)}>
        {open ? 'Close menu' : 'Menu'}
      </button>
      <div id="site-menu" className="site-menu">
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
      </div>
    </header>
  )
}
