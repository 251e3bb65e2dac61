import { Suspense } from 'react'

import { MyJobs } from '@/components/jobs/MyJobs'

export const metadata = { title: 'My jobs — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <MyJobs />
    </Suspense>
  )
}
