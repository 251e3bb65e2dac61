import React from 'react'

import './styles.css'

export const metadata = {
  title: 'Jobline',
  description: 'Home-services fulfillment: scheduling, reminders, completion and payouts.',
}

export default function FrontendLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">Jobline</a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  )
}
