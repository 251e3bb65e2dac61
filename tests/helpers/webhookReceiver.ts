/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request it gets (headers and the raw body bytes,
 * which signatures are over) and answers as told — a status, a sequence of statuses, slowly, with a redirect, with a
 * huge body, or not at all.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Received = { at: number; headers: http.IncomingHttpHeaders; raw: string; body: any; eventId: string }

/** How to answer the n-th request (0-based): a status, or an action. */
export type Answer =
  | number
  | { status: number; delayMs?: number; body?: string; headers?: Record<string, string> }
  | { hang: true }
  | { hugeBody: number }

export type Receiver = {
  url: string
  received: Received[]
  /** Answers for the next requests, in order; after them, `fallback`. */
  script: Answer[]
  fallback: Answer
  close: () => Promise<void>
  eventIds: () => string[]
}

export async function startReceiver(fallback: Answer = 200): Promise<Receiver> {
  const open = new Set<http.ServerResponse>()
  const r: Receiver = {
    url: '',
    received: [],
    script: [],
    fallback,
    close: async () => {
      for (const res of open) res.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    eventIds: () => r.received.map((x) => x.eventId),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch {
        body = undefined
      }
      r.received.push({ at: Date.now(), headers: req.headers, raw, body, eventId: String(req.headers['jobline-event-id'] ?? '') })
      const answer = r.script.length ? r.script.shift()! : r.fallback
      open.add(res)
      res.on('close', () => open.delete(res))
      if (typeof answer === 'number') return void res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'nope')
      if ('hang' in answer) return // never answers; closed by the sender's time limit or by close()
      if ('hugeBody' in answer) {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const chunk = Buffer.alloc(64 * 1024, 'x')
        let sent = 0
        const pump = () => {
          while (sent < answer.hugeBody && !res.destroyed) {
            sent += chunk.length
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
          res.end()
        }
        return pump()
      }
      const send = () => res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.body ?? '')
      if (answer.delayMs) setTimeout(send, answer.delayMs)
      else send()
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return r
}

/**
 * The receiver's side of the signature, written here from the scheme in docs/webhooks.md and nothing of the app's:
 * `Jobline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, one v1 per valid secret. True when
 * some v1 matches the secret and t is within `toleranceSeconds` of now.
 */
export function verifySignature(header: string | undefined, raw: string, secret: string, toleranceSeconds = 300): boolean {
  if (!header) return false
  const parts = header.split(',').map((p) => p.split('='))
  const t = Number(parts.find(([k]) => k === 't')?.[1])
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false
  const expected = createHmac('sha256', secret).update(`${t}.${raw}`, 'utf8').digest()
  return parts
    .filter(([k]) => k === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex ?? '', 'hex')
      return given.length === expected.length && timingSafeEqual(given, expected)
    })
}
