import Link from 'next/link'

import { appUrl } from '@/components/api'

export default function Home() {
  return (
    <section>
      <h1>Jobline</h1>
      <p>From accepted quote to paid job: visit scheduling, reminders, completion, verification and payout.</p>
      <ul>
        <li>
          <Link href="/jobs">My jobs</Link> (customers)
        </li>
        <li>
          <Link href="/assignments">My assignments</Link> (providers)
        </li>
        <li>
          <a href={appUrl('/admin')}>Ops console</a>
        </li>
        <li>
          <a href={appUrl('/api/health')}>Service health</a>
        </li>
      </ul>
    </section>
  )
}
