import { Suspense } from 'react'

import { AvailabilityPage } from '@/components/assignments/AvailabilityForm'

export const metadata = { title: 'Working hours — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <AvailabilityPage />
    </Suspense>
  )
}
