import Link from 'next/link'

/** What a URL to a record the API will not show (404: missing, or someone else's) leads to, instead of a crash. */
export function NotYours({ what, back }: { what: string; back: { href: string; label: string } }) {
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{what} not found</h1>
      <p>
        There is no {what.toLowerCase()} at this address that belongs to you. It may have been removed, or the link may
        be meant for someone else.
      </p>
      <p>
        <Link href={back.href}>{back.label}</Link>
      </p>
    </section>
  )
}
