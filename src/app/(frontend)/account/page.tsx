import { AccountPage } from '@/components/account/AccountPage'

export const metadata = { title: 'Your account — Jobline' }

export default function Page() {
  return <AccountPage />
}
