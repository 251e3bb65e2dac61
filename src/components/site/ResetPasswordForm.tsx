'use client'

import Link from 'next/link'
import { useSearchParams } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import { PASSWORD_MIN_LENGTH } from '@/domain/passwords'
import type { User } from '@/payload-types'
import { ApiError, post } from '../api'
import { FormError, Notice, TextField } from '../forms'
import { homeFor, useSession } from './session'

type Stage = { is: 'checking' } | { is: 'ready' } | { is: 'dead' } | { is: 'done'; user: User }

const HOME_NAME: Record<string, string> = { customer: 'Go to My jobs', provider: 'Go to My assignments', ops: 'Open the Ops console' }

/**
 * Whether the link still works, without using it: Payload's reset looks the token up before it checks the password,
 * so an empty password answers 403 for a dead link and 400 for a live one, and changes nothing either way
 * (tests/int/passwordReset.test.ts holds Payload to that). Anything else leaves the form up; sending it tells.
 */
async function linkWorks(token: string): Promise<boolean> {
  if (!token) return false
  try {
    await post('/users/reset-password', { token, password: '' })
    return true
  } catch (error) {
    return (error as ApiError).status !== 403
  }
}

/**
 * `/reset-password?token=…`, the page the reset email links to: a new password, twice, to
 * `POST /api/users/reset-password`, whose answer signs the person in (the HTTP-only session cookie) and ends every
 * other session. A used, expired or made-up link says so and points to a new one.
 */
export function ResetPasswordForm() {
  const token = useSearchParams().get('token') ?? ''
  const session = useSession()
  const [stage, setStage] = useState<Stage>({ is: 'checking' })
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let current = true
    void linkWorks(token).then((works) => current && setStage({ is: works ? 'ready' : 'dead' }))
    return () => {
      current = false
    }
  }, [token])

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const problems: Record<string, string> = {}
    if (password.length < PASSWORD_MIN_LENGTH) problems.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`
    else if (again !== password) problems.again = 'This is not the same as the new password above. Type it again.'
    setErrors(problems)
    if (Object.keys(problems).length) return
    setBusy(true)
    try {
      const { user } = await post<{ user: User }>('/users/reset-password', { token, password })
      await session.refresh()
      setStage({ is: 'done', user })
    } catch (error) {
      const e = error as ApiError
      if (e.status === 403) setStage({ is: 'dead' })
      else setErrors(e.fieldErrors.password ? { password: e.fieldErrors.password } : { form: e.message })
    } finally {
      setBusy(false)
    }
  }

  if (stage.is === 'checking') return <p aria-live="polite">Loading…</p>

  if (stage.is === 'dead') {
    return (
      <section className="card form">
        <h1>This link no longer works</h1>
        <Notice kind="error">This link has expired or was already used. Ask for a new one.</Notice>
        <p>A reset link works once, for one hour, and only the newest one you asked for works.</p>
        <p className="actions">
          <Link className="tap-link" href="/forgot-password">
            Ask for a new link
          </Link>
          <Link className="tap-link" href="/login">
            Sign in
          </Link>
        </p>
      </section>
    )
  }

  if (stage.is === 'done') {
    return (
      <section className="card form">
        <h1>Your password is changed</h1>
        <Notice kind="success">
          You are signed in with your new password. Every other device was signed out, and we emailed you to say so.
        </Notice>
        <p className="actions">
          <a className="tap-link" href={homeFor(stage.user.role)}>
            {HOME_NAME[stage.user.role ?? 'customer'] ?? 'Go to your pages'}
          </a>
        </p>
      </section>
    )
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-describedby={errors.form ? 'reset-form-error' : undefined}>
      <h1>Choose a new password</h1>
      <FormError id="reset-form-error" message={errors.form} />
      <TextField
        id="reset-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; a longer one is safer.`}
      />
      <TextField id="reset-again" label="New password again" type="password" autoComplete="new-password" value={again} onChange={setAgain} error={errors.again} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save and sign in'}
      </button>
    </form>
  )
}
