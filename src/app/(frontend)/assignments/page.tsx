import { Suspense } from 'react'

import { MyAssignments } from '@/components/assignments/MyAssignments'

export const metadata = { title: 'My assignments — Jobline' }

export default function Page() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <MyAssignments />
    </Suspense>
  )
}
