import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'

import { type AttemptResult, blockedAddress, hostOf, webhookUrlProblem } from '../../domain/webhooks'
import { classifyAddress } from '../../domain/netAddresses'

/** The most of a receiver's answer that is read (and kept, as the start of an error). */
export const MAX_RESPONSE_BYTES = 4096
const ERROR_SNIPPET = 300

export type Attempt = {
  result: AttemptResult
  /** The receiver's HTTP status, when it answered. */
  status: number | null
  latencyMs: number
  /** What went wrong, for Ops: the status and the start of the answer, or the network error. */
  error: string | null
}

export type SendOptions = { timeoutMs: number; allowPrivate: boolean }

class Blocked extends Error {}

/**
 * Resolves the host the way the socket will, and refuses it when any address it resolves to may not be reached: the
 * check is on the very addresses the connection uses, at send time, so a name that pointed somewhere public when the
 * endpoint was saved and is re-pointed at 127.0.0.1 or the metadata service later (DNS rebinding) gets nothing.
 */
const guardedLookup =
  (allowPrivate: boolean): LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 4)
      const list = addresses as dns.LookupAddress[]
      const refused = list.map((a) => blockedAddress(a.address, { allowPrivate })).find(Boolean)
      if (refused || !list.length) return callback(new Blocked(`${hostname} resolves to ${refused ?? 'nothing'}`), '', 4)
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list)
      callback(null, list[0].address, list[0].family)
    })
  }

// Keep-alive per protocol: a busy endpoint is sent to over a few reused connections. The lookup runs for every new
// connection, so a reused socket is always one whose address was checked.
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) }

/**
 * POSTs one delivery and reports how it went, never throwing: within `timeoutMs` for everything (connecting, the
 * headers, up to MAX_RESPONSE_BYTES of the answer), no redirect followed (a 3xx is a failure like a 500), the answer
 * read no further than MAX_RESPONSE_BYTES, so a slow, silent, chatty or huge receiver costs one attempt's time limit.
 */
export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: SendOptions): Promise<Attempt> {
  const started = performance.now()
  const took = () => Math.round(performance.now() - started)
  const problem = webhookUrlProblem(url, { allowPrivate: opts.allowPrivate })
  if (problem) return Promise.resolve({ result: 'blocked', status: null, latencyMs: 0, error: problem })
  const target = new URL(url)
  const literal = classifyAddress(hostOf(target))
  if (literal && literal !== 'public' && !opts.allowPrivate) {
    return Promise.resolve({ result: 'blocked', status: null, latencyMs: 0, error: blockedAddress(hostOf(target), opts) })
  }
  const secure = target.protocol === 'https:'
  return new Promise<Attempt>((resolve) => {
    let done = false
    let status: number | null = null
    let location: string | undefined
    const chunks: Buffer[] = []
    let received = 0
    const finish = (a: Omit<Attempt, 'latencyMs'>) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve({ ...a, latencyMs: took() })
    }
    const answered = () => {
      const text = Buffer.concat(chunks).toString('utf8').slice(0, ERROR_SNIPPET).trim()
      if (status !== null && status >= 200 && status < 300) return finish({ result: 'delivered', status, error: null })
      const redirect = status !== null && status >= 300 && status < 400 ? ` (a redirect${location ? ` to ${location}` : ''}: not followed)` : ''
      finish({ result: 'http_error', status, error: `HTTP ${status}${redirect}${text ? `: ${text}` : ''}` })
    }
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      lookup: guardedLookup(opts.allowPrivate),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Jobline-Webhooks/1', ...headers },
    })
    const timer = setTimeout(() => {
      // an answer whose status came in time counts, however slowly its body trickles
      if (status !== null) answered()
      else finish({ result: 'timeout', status: null, error: `No answer within ${opts.timeoutMs} ms` })
      request.destroy()
    }, opts.timeoutMs)
    request.on('response', (res) => {
      status = res.statusCode ?? null
      location = res.headers.location?.slice(0, ERROR_SNIPPET)
      res.on('data', (chunk: Buffer) => {
        if (received < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - received))
        received += chunk.length
        if (received >= MAX_RESPONSE_BYTES) {
          answered()
          res.destroy()
        }
      })
      res.on('end', answered)
      res.on('error', answered)
      res.on('close', answered)
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (done) return
      if (status !== null) return answered()
      if (error instanceof Blocked) return finish({ result: 'blocked', status: null, error: error.message })
      finish({ result: 'network_error', status: null, error: `${error.code ? `${error.code}: ` : ''}${error.message}` })
    })
    request.end(body)
  })
}
