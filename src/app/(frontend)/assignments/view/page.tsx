import { Suspense } from 'react'

import { AssignmentDetail } from '@/components/assignments/AssignmentDetail'

export const metadata = { title: 'Assignment — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <AssignmentDetail />
    </Suspense>
  )
}
