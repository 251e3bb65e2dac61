/** Set by the request guard (and only by it: any incoming value is replaced) for the auth throttle to read. */
export const CLIENT_ADDRESS_HEADER = 'x-jobline-client-address'

/**
 * The address a request came from, for throttling. Each proxy appends the address it received the request from to
 * X-Forwarded-For, so only the last `trustedHops` entries were written by proxies we run; anything to their left is
 * whatever the client chose to send. With no trusted proxy the header is ignored whenever the socket's peer is known.
 *
 * `peer` is the socket's remote address when the host can see it (the test harness, a custom server). `next start`
 * cannot pass it to route handlers; it fills X-Forwarded-For with the peer only when the request has none, so there
 * the last entry stands in for the peer: behind a proxy that overwrites or appends the header (TRUSTED_PROXY_HOPS ≥ 1)
 * that is exact, and without one a client can choose its own address (the per-account limit still holds).
 */
export function clientAddress({
  peer,
  forwardedFor,
  trustedHops,
}: {
  peer?: string | null
  forwardedFor?: string | null
  trustedHops: number
}): string {
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((a) => normalize(a))
    .filter(Boolean)
  const known = peer ? normalize(peer) : ''
  if (known) {
    if (trustedHops === 0) return known
    // the peer is the nearest proxy; each trusted proxy vouches for the entry it appended
    const chain = [...forwarded, known]
    return chain[Math.max(0, chain.length - 1 - trustedHops)]
  }
  if (forwarded.length === 0) return 'unknown'
  return forwarded[Math.max(0, forwarded.length - Math.max(1, trustedHops))]
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; `[::1]:443` and `1.2.3.4:5678` lose their port; at most 64 characters. */
function normalize(raw: string): string {
  let a = raw.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a)
  if (bracketed) a = bracketed[1]
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.replace(/:\d+$/, '')
  if (a.startsWith('::ffff:') && /^\d{1,3}(\.\d{1,3}){3}$/.test(a.slice(7))) a = a.slice(7)
  return a.slice(0, 64)
}
