'use client'

import { useSearchParams } from 'next/navigation'
import React, { useState } from 'react'

import { post, type ApiError } from '../api'
import { Notice } from '../forms'

const OUTCOME: Record<number, string> = {
  409: 'This link was already used (or the visit is no longer booked).',
  410: 'This link has expired: the visit it was for is over.',
  403: 'This link is not valid.',
  400: 'This link is not valid.',
  404: 'This link is not valid any more.',
}

/**
 * `/tap?t=…`: a reminder email's one-tap link. Opening it does nothing (mail scanners prefetch links); the button
 * posts the token to `POST /api/one-tap`, which acts once, as the person the link was sent to.
 */
export function OneTap() {
  const token = useSearchParams().get('t') ?? ''
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await post('/one-tap', { token })
      setResult({ kind: 'success', text: "Thanks, we told the other side you'll be there." })
    } catch (error) {
      const e = error as ApiError
      setResult({ kind: 'error', text: OUTCOME[e.status ?? 0] ?? e.message })
    } finally {
      setBusy(false)
    }
  }
  return (
    <article className="detail">
      <h1>I&apos;ll be there</h1>
      {result ? (
        <Notice kind={result.kind}>{result.text}</Notice>
      ) : (
        <p className="actions">
          <button type="button" className="primary" disabled={busy || !token} onClick={confirm}>
            Confirm I&apos;ll be there
          </button>
        </p>
      )}
    </article>
  )
}
