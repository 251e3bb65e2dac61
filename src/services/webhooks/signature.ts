import { createHmac } from 'node:crypto'

/**
 * `Jobline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, with one `v1` per secret that
 * signs now (during a rotation, the new one first, then the old). A receiver recomputes the HMAC over the exact bytes
 * it received with its secret, compares it in constant time with each `v1`, and refuses a `t` too far from its clock.
 */
export function signatureHeader(body: string, secrets: readonly string[], at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000)
  const signatures = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`)
  return [`t=${t}`, ...signatures].join(',')
}
