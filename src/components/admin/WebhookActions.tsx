'use client'

import React, { useState } from 'react'

import { useRefresh } from './useRefresh'

type ErrorBody = { errors?: { message?: string }[] }

/** POSTs an Ops action and answers its JSON, or throws the server's message. */
async function post<T>(path: string): Promise<T> {
  const res = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' })
  const body = (await res.json().catch(() => ({}))) as T & ErrorBody
  if (!res.ok) throw new Error(body.errors?.[0]?.message ?? `The server answered ${res.status}.`)
  return body
}

function useAction() {
  const { refreshing, refresh } = useRefresh()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const run = async <T,>(work: () => Promise<T>, done: (result: T) => string) => {
    setBusy(true)
    setMessage(null)
    try {
      setMessage({ ok: true, text: done(await work()) })
      refresh()
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }
  const note = message && (
    <p className={message.ok ? 'jl-notice' : 'jl-error'} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  )
  return { busy: busy || refreshing, run, note }
}

/** Reveal (once) and rotate. The secret is held in this component's state only, and gone on reload. */
export function SecretControls({ endpointId, unrevealed, overlapUntil }: { endpointId: number; unrevealed: boolean; overlapUntil: string | null }) {
  const [secret, setSecret] = useState<string | null>(null)
  const { busy, run, note } = useAction()
  const show = (path: string, text: string) =>
    run(
      () => post<{ secret: string }>(`/api/webhook-endpoints/${endpointId}/${path}`),
      (r) => {
        setSecret(r.secret)
        return text
      },
    )
  return (
    <div className="jl-secret">
      {secret ? (
        <p>
          <code data-testid="webhook-secret">{secret}</code> — copy it now: it is not shown again.
        </p>
      ) : (
        <p className="jl-muted">
          {unrevealed ? 'Not shown yet: reveal it once and give it to the receiver.' : 'Shown once already. Lost it? Rotate.'}
          {overlapUntil ? ` The previous secret still signs until ${new Date(overlapUntil).toLocaleString()}.` : ''}
        </p>
      )}
      <div className="jl-review-buttons">
        {unrevealed && !secret && (
          <button type="button" disabled={busy} onClick={() => show('reveal-secret', 'Secret revealed.')}>
            Reveal signing secret (once)
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => show('rotate-secret', 'New secret made; the old one signs for 24 more hours.')}>
          Rotate secret
        </button>
      </div>
      {note}
    </div>
  )
}

export function RedeliverFailedButton({ endpointId, failed }: { endpointId: number; failed: number }) {
  const { busy, run, note } = useAction()
  return (
    <div className="jl-review-buttons">
      <button
        type="button"
        disabled={busy || failed === 0}
        onClick={() => run(() => post<{ redelivered: number }>(`/api/webhook-endpoints/${endpointId}/redeliver-failed`), (r) => `${r.redelivered} queued again.`)}
      >
        Redeliver failed ({failed})
      </button>
      {note}
    </div>
  )
}

export function RedeliverButton({ deliveryId, label }: { deliveryId: number; label: string }) {
  const { busy, run, note } = useAction()
  return (
    <>
      <button type="button" disabled={busy} onClick={() => run(() => post(`/api/webhook-deliveries/${deliveryId}/redeliver`), () => 'Queued again.')}>
        {label}
      </button>
      {note}
    </>
  )
}
