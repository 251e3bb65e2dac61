'use client'

import { useRouter } from 'next/navigation'
import { useTransition } from 'react'

/**
 * Reloads the page's server data. `refreshing` stays true until the new data is on screen, so buttons that act on the
 * record wait for it: a form opened meanwhile would be rebuilt from the new data and lose what was typed into it.
 */
export function useRefresh(): { refreshing: boolean; refresh: () => void } {
  const router = useRouter()
  const [refreshing, startTransition] = useTransition()
  return { refreshing, refresh: () => startTransition(() => router.refresh()) }
}
