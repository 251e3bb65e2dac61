'use client'

import React, { createContext, useCallback, useContext, useEffect, useState } from 'react'

import type { User } from '@/payload-types'
import { api, appUrl, post } from '../api'

export type Session =
  | { status: 'loading'; user: null }
  | { status: 'signed-out'; user: null }
  | { status: 'signed-in'; user: User }

type SessionContext = Session & { refresh: () => Promise<void>; signOut: () => Promise<void> }

const Context = createContext<SessionContext | null>(null)

/** Who is signed in, from `GET /api/users/me` (the HTTP-only cookie is the session; the page never sees the token). */
export function SessionProvider({ children }: { children: React.ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading', user: null })

  const refresh = useCallback(async () => {
    try {
      const { user } = await api<{ user: User | null }>('/users/me')
      setSession(user ? { status: 'signed-in', user } : { status: 'signed-out', user: null })
    } catch {
      setSession({ status: 'signed-out', user: null })
    }
  }, [])

  const signOut = useCallback(async () => {
    await post('/users/logout').catch(() => undefined) // an expired session is signed out already
    setSession({ status: 'signed-out', user: null })
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  return <Context.Provider value={{ ...session, refresh, signOut }}>{children}</Context.Provider>
}

export function useSession(): SessionContext {
  const value = useContext(Context)
  if (!value) throw new Error('useSession needs a SessionProvider above it.')
  return value
}

/** Where each role starts after signing in. */
export const homeFor = (role: User['role']) => (role === 'provider' ? '/assignments' : role === 'ops' ? appUrl('/admin') : '/jobs')
