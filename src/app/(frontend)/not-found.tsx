import { NotYours } from '@/components/site/NotYours'

export default function NotFound() {
  return <NotYours what="Page" back={{ href: '/', label: 'Go to the start page' }} />
}
