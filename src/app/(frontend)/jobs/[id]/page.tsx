import { Suspense } from 'react'

import { JobDetail } from '@/components/jobs/JobDetail'

export const metadata = { title: 'Job — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <JobDetail />
    </Suspense>
  )
}
