'use client'

import { useCallback, useEffect, useState } from 'react'

import { ApiError } from '../api'

export type Loaded<T> = { status: 'loading' } | { status: 'not-found' } | { status: 'error'; message: string } | { status: 'ready'; data: T }

/** Runs `load` now and on `reload()`; a 404 (missing or not yours) becomes 'not-found' rather than an error. */
export function useLoader<T>(load: () => Promise<T>): [Loaded<T>, () => Promise<void>] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', data: await load() })
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setState({ status: 'not-found' })
      else setState({ status: 'error', message: (error as Error).message })
    }
  }, [load])
  useEffect(() => {
    void reload()
  }, [reload])
  return [state, reload]
}
