import { Suspense } from 'react'

import { LoginForm } from '@/components/site/LoginForm'

export const metadata = { title: 'Sign in — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <LoginForm />
    </Suspense>
  )
}
