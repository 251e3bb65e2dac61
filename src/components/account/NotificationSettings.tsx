'use client'

import { useEffect, useState } from 'react'

import type { User } from '@/payload-types'
import { PREFERENCE_GROUPS, type PreferenceGroup } from '@/domain/notificationPreferences'
import { type PhoneCountry, phoneCountryOf, phoneExample } from '@/domain/phoneNumbers'
import { api, type ApiError, type FieldErrors } from '../api'
import { FieldError, fieldProps, Notice } from '../forms'
import { countryName, phoneText } from '../format'

const GROUP_LABELS: Record<PreferenceGroup, { title: string; what: string }> = {
  reminders: { title: 'Visit reminders', what: 'before a booked visit' },
  nudges: { title: 'Nudges', what: 'a quote to answer, a visit to mark complete, work to verify' },
  schedule: { title: 'Schedule changes', what: 'times proposed, a visit booked or moved' },
}

type Form = {
  phone: string
  groups: Record<PreferenceGroup, { email: boolean; sms: boolean }>
  transactionalSms: boolean
  quietStart: string
  quietEnd: string
}

const HOURS = Array.from({ length: 24 }, (_, h) => h)
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`

function formOf(u: User): Form {
  const n = u.notifications
  return {
    // as the person writes it (030 1234567 in Berlin); saved as typed, the server reads it in the same country
    phone: u.phone ? phoneText(u.phone, u.timeZone) : '',
    groups: Object.fromEntries(
      PREFERENCE_GROUPS.map((g) => [g, { email: n?.[g]?.email ?? true, sms: n?.[g]?.sms ?? false }]),
    ) as Form['groups'],
    transactionalSms: n?.transactional?.sms ?? false,
    quietStart: n?.quietHours?.start == null ? '' : String(n.quietHours.start),
    quietEnd: n?.quietHours?.end == null ? '' : String(n.quietHours.end),
  }
}

const hourOrNull = (v: string) => (v === '' ? null : Number(v))

/** What to type: a number as written in the person's country (their time zone's), or with + and a country code. */
function PhoneHint({ country }: { country: PhoneCountry | null }) {
  const example = phoneExample(country)
  return (
    <p id="phone-hint" className="hint">
      {example && country
        ? `Read as a number in ${countryName(country)} (from your time zone), like ${example.national}; for another country, start with + and its code.`
        : 'International format: + and the country code, like +49 30 1234567.'}{' '}
      SMS go out only with a number.
    </p>
  )
}

/**
 * The person's own notification preferences (docs/ui.md): email and SMS per kind of message, the phone SMS go to,
 * and quiet hours. Account messages always go by email; the page says so and offers only their SMS switch. Saved
 * with `PATCH /api/users/:id`; a refused field is shown under it, as the API names it.
 */
export function NotificationSettings({ user }: { user: User }) {
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api<User>(`/users/${user.id}?depth=0`).then(
      (u) => setForm(formOf(u)),
      (e: ApiError) => setNotice({ kind: 'error', text: e.message }),
    )
  }, [user.id])

  if (!form) return notice ? <Notice kind="error">{notice.text}</Notice> : <p aria-live="polite">Loading…</p>

  const toggle = (g: PreferenceGroup, channel: 'email' | 'sms') =>
    setForm({ ...form, groups: { ...form.groups, [g]: { ...form.groups[g], [channel]: !form.groups[g][channel] } } })

  const save = async (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setNotice(null)
    setErrors({})
    try {
      const saved = await api<{ doc: User }>(`/users/${user.id}`, {
        method: 'PATCH',
        body: {
          phone: form.phone.trim() || null,
          notifications: {
            ...form.groups,
            transactional: { sms: form.transactionalSms },
            quietHours: { start: hourOrNull(form.quietStart), end: hourOrNull(form.quietEnd) },
          },
        },
      })
      setForm(formOf(saved.doc))
      setNotice({ kind: 'success', text: 'Saved your notification settings.' })
    } catch (error) {
      const err = error as ApiError
      setErrors(err.fieldErrors)
      setNotice({ kind: 'error', text: err.message })
    } finally {
      setBusy(false)
    }
  }

  const quietError = errors['notifications.quietHours.start'] ?? errors['notifications.quietHours.end']
  const phoneCountry = phoneCountryOf(user.timeZone)
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <form onSubmit={save} noValidate>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <label htmlFor="phone">Mobile number for SMS</label>
        <input
          id="phone"
          type="tel"
          autoComplete="tel"
          value={form.phone}
          placeholder={phoneExample(phoneCountry)?.national ?? '+49 30 1234567'}
          onChange={(e) => setForm({ ...form, phone: e.target.value })}
          {...fieldProps('phone', errors.phone, 'phone-hint')}
        />
        <PhoneHint country={phoneCountry} />
        <FieldError id="phone" message={errors.phone} />

        <table className="table" aria-label="What you hear about, and how">
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Email</th>
              <th scope="col">SMS</th>
            </tr>
          </thead>
          <tbody>
            {PREFERENCE_GROUPS.map((g) => (
              <tr key={g}>
                <th scope="row">
                  {GROUP_LABELS[g].title}
                  <br />
                  <small>{GROUP_LABELS[g].what}</small>
                </th>
                <td>
                  <label className="check-target">
                    <input type="checkbox" aria-label={`${GROUP_LABELS[g].title} by email`} checked={form.groups[g].email} onChange={() => toggle(g, 'email')} />
                  </label>
                </td>
                <td>
                  <label className="check-target">
                    <input type="checkbox" aria-label={`${GROUP_LABELS[g].title} by SMS`} checked={form.groups[g].sms} onChange={() => toggle(g, 'sms')} />
                  </label>
                </td>
              </tr>
            ))}
            <tr data-testid="transactional-row">
              <th scope="row">
                Account messages
                <br />
                <small>a visit cancelled, the provider on the way, payouts and disputes</small>
              </th>
              <td>
                <label className="check-target">
                  <input type="checkbox" aria-label="Account messages by email (always on)" checked disabled aria-describedby="transactional-hint" />
                </label>{' '}
                <small id="transactional-hint">Always — these cannot be turned off.</small>
              </td>
              <td>
                <label className="check-target">
                  <input
                    type="checkbox"
                    aria-label="Account messages by SMS"
                    checked={form.transactionalSms}
                    onChange={() => setForm({ ...form, transactionalSms: !form.transactionalSms })}
                  />
                </label>
              </td>
            </tr>
          </tbody>
        </table>

        <fieldset>
          <legend>Quiet hours</legend>
          <p className="hint" id="quiet-hint">
            Reminders and nudges wait until quiet hours end, in your time zone ({user.timeZone}). Leave both empty for the
            standard quiet hours. Account messages are never held.
          </p>
          <label htmlFor="quiet-start">From</label>{' '}
          <select id="quiet-start" value={form.quietStart} onChange={(e) => setForm({ ...form, quietStart: e.target.value })} {...fieldProps('quiet-start', errors['notifications.quietHours.start'], 'quiet-hint')}>
            <option value="">—</option>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {hourLabel(h)}
              </option>
            ))}
          </select>{' '}
          <label htmlFor="quiet-end">until</label>{' '}
          <select id="quiet-end" value={form.quietEnd} onChange={(e) => setForm({ ...form, quietEnd: e.target.value })} {...fieldProps('quiet-end', errors['notifications.quietHours.end'], 'quiet-hint')}>
            <option value="">—</option>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {hourLabel(h)}
              </option>
            ))}
          </select>
          <FieldError id={errors['notifications.quietHours.start'] ? 'quiet-start' : 'quiet-end'} message={quietError} />
        </fieldset>
        <p className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save notification settings
          </button>
        </p>
      </form>
    </section>
  )
}
