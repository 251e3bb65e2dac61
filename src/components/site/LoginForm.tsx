'use client'

import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import React, { useState } from 'react'

import type { User } from '@/payload-types'
import { ApiError, appUrl, post } from '../api'
import { FormError, TextField } from '../forms'
import { tooManyTriesText } from '../format'
import { homeFor, useSession } from './session'

/** Only same-site paths: `?next=https://evil.example` must not send people elsewhere after signing in. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : null)

/** Email and password against `POST /api/users/login`; the answer sets the HTTP-only session cookie. */
export function LoginForm() {
  const router = useRouter()
  const search = useSearchParams()
  const session = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (!email.trim()) missing.email = 'Enter your email address.'
    if (!password) missing.password = 'Enter your password.'
    setErrors(missing)
    if (Object.keys(missing).length) return
    setBusy(true)
    try {
      const { user } = await post<{ user: User }>('/users/login', { email: email.trim(), password })
      await session.refresh()
      const next = safeNext(search.get('next'))
      if (user.role === 'ops' && !next) window.location.assign(appUrl('/admin'))
      else router.push(next ?? homeFor(user.role))
    } catch (error) {
      const e = error as ApiError
      setErrors(
        e.status === 401
          ? { form: 'That email and password do not match an account. Check both and try again.' }
          : e.status === 429
            ? { form: tooManyTriesText(e.retryAfterSeconds) }
            : { ...e.fieldErrors, form: e.message },
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-describedby={errors.form ? 'login-form-error' : undefined}>
      <h1>Sign in</h1>
      {session.status === 'signed-in' && (
        <p className="notice info">
          You are signed in as {session.user.name ?? session.user.email}. <a href={homeFor(session.user.role)}>Go to your pages</a>, or sign
          in as someone else below.
        </p>
      )}
      <FormError id="login-form-error" message={errors.form} />
      <TextField id="login-email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} error={errors.email} />
      <TextField id="login-password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errors.password} />
      <p className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <Link className="tap-link" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
    </form>
  )
}
