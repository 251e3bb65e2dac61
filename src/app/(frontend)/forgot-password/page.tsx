import { ForgotPasswordForm } from '@/components/site/ForgotPasswordForm'

export const metadata = { title: 'Forgot your password? — Jobline' }

export default function Page() {
  return <ForgotPasswordForm />
}
