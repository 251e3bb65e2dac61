'use client'

import { useEffect, useState } from 'react'

import type { User } from '@/payload-types'
import { api, API_ORIGIN, type ApiError } from '../api'
import { Notice } from '../forms'

/** The feed of a token, as `https://` (to paste anywhere) and as `webcal://` (opens the calendar app to subscribe). */
export function feedUrls(origin: string, token: string) {
  const https = `${origin.replace(/\/$/, '')}/api/calendar/${token}.ics`
  return { https, webcal: https.replace(/^https?:/, 'webcal:') }
}

/**
 * The signed-in person's calendar subscription (docs/calendar.md): the secret feed URL with copy, rotate
 * (`POST /api/users/calendar-token`, the old URL stops working) and revoke (`DELETE`). The token is readable only by
 * its owner and Ops, so the page reads it from the person's own record.
 */
export function CalendarFeed({ user }: { user: User }) {
  const [token, setToken] = useState<string | null | undefined>(undefined)
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api<User>(`/users/${user.id}?depth=0`).then(
      (u) => setToken(u.calendarToken ?? null),
      () => setToken(null),
    )
  }, [user.id])

  const act = async (method: 'POST' | 'DELETE', done: string) => {
    setBusy(true)
    setNotice(null)
    try {
      const answer = await api<{ token?: string }>('/users/calendar-token', { method })
      setToken(answer.token ?? null)
      setNotice({ kind: 'success', text: done })
    } catch (error) {
      setNotice({ kind: 'error', text: (error as ApiError).message })
    } finally {
      setBusy(false)
    }
  }

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text)
      setNotice({ kind: 'success', text: 'Copied the feed URL.' })
    } catch {
      setNotice({ kind: 'error', text: 'Your browser did not allow copying: select the URL and copy it yourself.' })
    }
  }

  const urls = token ? feedUrls(API_ORIGIN || window.location.origin, token) : null
  return (
    <section className="card" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">Calendar subscription</h2>
      <p>
        Subscribe to this address in your calendar app to see every visit. Anyone with the address sees your visits: keep it
        to yourself, and rotate it if it got out.
      </p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {token === undefined && <p aria-live="polite">Loading…</p>}
      {token === null && <p data-testid="no-feed">You have no feed URL.</p>}
      {urls && (
        <dl className="feed-urls">
          <dt>Calendar app (webcal)</dt>
          <dd>
            <a href={urls.webcal} data-testid="feed-webcal">
              {urls.webcal}
            </a>{' '}
            <button type="button" onClick={() => copy(urls.webcal)} aria-label="Copy the webcal URL">
              Copy
            </button>
          </dd>
          <dt>Web address (https)</dt>
          <dd>
            <code data-testid="feed-https">{urls.https}</code>{' '}
            <button type="button" onClick={() => copy(urls.https)} aria-label="Copy the https URL">
              Copy
            </button>
          </dd>
        </dl>
      )}
      {token !== undefined && (
        <p className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => act('POST', token ? 'New feed URL: the old one no longer works.' : 'Your feed URL is ready.')}>
            {token ? 'Rotate feed URL' : 'Create feed URL'}
          </button>
          {token && (
            <button type="button" disabled={busy} onClick={() => act('DELETE', 'Feed URL revoked: calendars subscribed to it stop updating.')}>
              Revoke feed URL
            </button>
          )}
        </p>
      )}
    </section>
  )
}
