import React from 'react'

import { SessionProvider } from '@/components/site/session'
import { SiteHeader } from '@/components/site/SiteHeader'
import './styles.css'

export const metadata = {
  title: 'Jobline',
  description: 'Home-services fulfillment: scheduling, reminders, completion and payouts.',
}

export default function FrontendLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SessionProvider>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <SiteHeader />
          <main id="main">{children}</main>
        </SessionProvider>
      </body>
    </html>
  )
}
