import { Suspense } from 'react'

import { OneTap } from '@/components/tap/OneTap'

export const metadata = { title: 'Confirm — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <OneTap />
    </Suspense>
  )
}
