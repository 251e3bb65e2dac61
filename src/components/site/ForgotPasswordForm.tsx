'use client'

import Link from 'next/link'
import React, { useState } from 'react'

import { ApiError, post } from '../api'
import { FormError, Notice, TextField } from '../forms'
import { tooManyTriesText } from '../format'

/**
 * `/forgot-password`: the email goes to `POST /api/users/forgot-password`, which answers the same whether or not
 * someone has that address; so does this page (it never says whether an account exists).
 */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const address = email.trim()
    setErrors(address ? {} : { email: 'Enter the email address you sign in with.' })
    if (!address) return
    setBusy(true)
    try {
      await post('/users/forgot-password', { email: address })
      setSentTo(address)
    } catch (error) {
      const e = error as ApiError
      setErrors(e.status === 429 ? { form: tooManyTriesText(e.retryAfterSeconds) } : { ...e.fieldErrors, form: e.message })
    } finally {
      setBusy(false)
    }
  }

  if (sentTo) {
    return (
      <section className="card form">
        <h1>Check your email</h1>
        <Notice kind="success">
          If an account uses {sentTo}, we sent it a link to reset the password. The link works once, for one hour.
        </Notice>
        <p>No email after a few minutes? Check your spam folder, or ask again: only the newest link works.</p>
        <p className="actions">
          <button type="button" onClick={() => setSentTo(null)}>
            Ask again
          </button>
          <Link className="tap-link" href="/login">
            Back to sign in
          </Link>
        </p>
      </section>
    )
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-describedby={errors.form ? 'forgot-form-error' : undefined}>
      <h1>Forgot your password?</h1>
      <p>Enter the email address you sign in with. We will email you a link to choose a new password.</p>
      <FormError id="forgot-form-error" message={errors.form} />
      <TextField id="forgot-email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} error={errors.email} />
      <p className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Email me a link'}
        </button>
        <Link className="tap-link" href="/login">
          Back to sign in
        </Link>
      </p>
    </form>
  )
}
