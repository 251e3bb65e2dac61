import { Suspense } from 'react'

import { ResetPasswordForm } from '@/components/site/ResetPasswordForm'

export const metadata = { title: 'Choose a new password — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <ResetPasswordForm />
    </Suspense>
  )
}
