/**
 * A local stand-in for the few Stripe endpoints Jobline calls, for the real `stripe` SDK pointed at it through
 * STRIPE_API_BASE. It keeps PaymentIntents in memory, records every request with its Idempotency-Key, replays a
 * stored answer for a repeated key (as Stripe does), and can be told what to answer next.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type RecordedRequest = {
  method: string
  path: string
  idempotencyKey?: string
  body: Record<string, string>
  at: number
  status: number
  /** True when the answer was a stored one replayed for a repeated Idempotency-Key. */
  replayed: boolean
}

type Intent = {
  id: string
  object: 'payment_intent'
  amount: number
  amount_received: number
  currency: string
  capture_method: string
  status: string
  created: number
  cancellation_reason: string | null
  customer: string | null
  payment_method: string | null
  metadata: Record<string, string>
  latest_charge: string
  capture_before: number
}

type Answer = { status: number; body: unknown }
export type ScriptedAnswer = 200 | 500 | 'network' | 'unexpected_state' | 'card_declined'

const DAY_S = 24 * 3600

/** `GET <fake>/_fake/state`: `{ requests, intents }`, not a Stripe route. */
export const FAKE_STATE_PATH = '/_fake/state'

export class StripeFake {
  readonly requests: RecordedRequest[] = []
  readonly intents = new Map<string, Intent>()
  /** Answers for the next capture calls, in order; 200 (do it) when empty. */
  captureScript: ScriptedAnswer[] = []
  /** Answers for the next PaymentIntent creations, in order; 200 when empty. */
  authorizeScript: ScriptedAnswer[] = []
  /** How long a new authorisation may be captured (Stripe's `capture_before`), in seconds from creation. */
  captureWindowSeconds = 7 * DAY_S
  private readonly stored = new Map<string, Answer>()
  private seq = 0
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** On a free port, or on `port` (the browser tests' server, whose tests read the fake over HTTP). */
  static async start(port = 0): Promise<StripeFake> {
    let fake: StripeFake | undefined
    const server = http.createServer((req, res) => void fake!.handle(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', resolve)
    })
    fake = new StripeFake(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    return fake
  }

  close = () => new Promise<void>((resolve) => this.server.close(() => resolve()))

  /** Forget what happened so far (requests, scripts), keeping the PaymentIntents. */
  reset() {
    this.requests.length = 0
    this.captureScript = []
    this.authorizeScript = []
  }

  /** The authorisation lapsed: Stripe cancels an uncaptured PaymentIntent when its capture window closes. */
  expire(id: string) {
    const intent = this.intents.get(id)
    if (!intent) throw new Error(`no PaymentIntent ${id}`)
    Object.assign(intent, { status: 'canceled', cancellation_reason: 'automatic', capture_before: Math.floor(Date.now() / 1000) - 60 })
  }

  requestsTo = (suffix: string, intentId?: string) =>
    this.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix) && (!intentId || r.path.includes(intentId)))
  captures = (intentId?: string) => this.requestsTo('/capture', intentId)
  /** Captures that really moved money (not failed, not replays of an earlier answer). */
  executedCaptures = (intentId?: string) => this.captures(intentId).filter((r) => r.status === 200 && !r.replayed)
  authorizations = () => this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')
  cancels = (intentId?: string) => this.requestsTo('/cancel', intentId)

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
    const path = (req.url ?? '/').split('?')[0]
    // for a test in another process (the browser tests): what the fake was asked so far, and its PaymentIntents
    if (req.method === 'GET' && path === FAKE_STATE_PATH) {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ requests: this.requests, intents: [...this.intents.values()] }))
      return
    }
    const key = req.headers['idempotency-key'] as string | undefined
    const record: RecordedRequest = { method: req.method ?? 'GET', path, idempotencyKey: key, body, at: Date.now(), status: 0, replayed: false }
    this.requests.push(record)

    const storedKey = key ? `${req.method} ${path} ${key}` : undefined
    let answer = storedKey ? this.stored.get(storedKey) : undefined
    if (answer) record.replayed = true
    else {
      const outcome = this.route(req.method ?? 'GET', path, body)
      if (outcome === 'network') {
        record.status = -1
        req.socket.destroy() // the connection drops without an answer
        return
      }
      answer = outcome
      // Stripe keeps the answer of a request that ran; a 5xx did not run and may be retried with the same key
      if (storedKey && answer.status < 500) this.stored.set(storedKey, answer)
    }
    record.status = answer.status
    res.statusCode = answer.status
    res.setHeader('content-type', 'application/json')
    res.setHeader('request-id', `req_fake_${++this.seq}`)
    if (record.replayed) res.setHeader('idempotent-replayed', 'true')
    res.end(JSON.stringify(answer.body))
  }

  private route(method: string, path: string, body: Record<string, string>): Answer | 'network' {
    if (!path.startsWith('/v1/payment_intents')) return error(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${method}: ${path}).`)
    const [, , , id, action] = path.split('/')
    if (method === 'POST' && !id) return this.create(body)
    const intent = id ? this.intents.get(id) : undefined
    if (!intent) return error(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${id}'`)
    if (method === 'GET' && !action) return { status: 200, body: this.view(intent, false) }
    if (method === 'POST' && action === 'capture') return this.capture(intent)
    if (method === 'POST' && action === 'cancel') return this.cancel(intent, body)
    return error(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${method}: ${path}).`)
  }

  private create(body: Record<string, string>): Answer | 'network' {
    const scripted = this.authorizeScript.shift()
    if (scripted === 'network') return 'network'
    if (scripted === 500) return error(500, 'api_error', undefined, 'An unknown error occurred.')
    if (scripted === 'card_declined') return error(402, 'card_error', 'card_declined', 'Your card was declined.')
    const created = Math.floor(Date.now() / 1000)
    const id = `pi_fake_${++this.seq}`
    const manual = body.capture_method === 'manual'
    const intent: Intent = {
      id,
      object: 'payment_intent',
      amount: Number(body.amount),
      amount_received: manual ? 0 : Number(body.amount),
      currency: body.currency,
      capture_method: body.capture_method ?? 'automatic',
      status: body.confirm === 'true' ? (manual ? 'requires_capture' : 'succeeded') : 'requires_confirmation',
      created,
      cancellation_reason: null,
      customer: body.customer ?? null,
      payment_method: body.payment_method ?? null,
      metadata: Object.fromEntries(
        Object.entries(body)
          .filter(([k]) => k.startsWith('metadata['))
          .map(([k, v]) => [k.slice('metadata['.length, -1), v]),
      ),
      latest_charge: `ch_fake_${this.seq}`,
      capture_before: created + this.captureWindowSeconds,
    }
    this.intents.set(id, intent)
    const expand = Object.entries(body).some(([k, v]) => k.startsWith('expand[') && v === 'latest_charge')
    return { status: 200, body: this.view(intent, expand) }
  }

  private capture(intent: Intent): Answer | 'network' {
    const scripted = this.captureScript.shift()
    if (scripted === 'network') return 'network'
    if (scripted === 500) return error(500, 'api_error', undefined, 'An unknown error occurred while capturing.')
    if (scripted === 'unexpected_state' || intent.status !== 'requires_capture') {
      const status = scripted === 'unexpected_state' && intent.status === 'requires_capture' ? 'canceled' : intent.status
      return error(
        400,
        'invalid_request_error',
        'payment_intent_unexpected_state',
        `This PaymentIntent could not be captured because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        { ...this.view(intent, false), status },
      )
    }
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount })
    return { status: 200, body: this.view(intent, false) }
  }

  private cancel(intent: Intent, body: Record<string, string>): Answer {
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      return error(
        400,
        'invalid_request_error',
        'payment_intent_unexpected_state',
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
        this.view(intent, false),
      )
    }
    Object.assign(intent, { status: 'canceled', cancellation_reason: body.cancellation_reason ?? 'requested_by_customer' })
    return { status: 200, body: this.view(intent, false) }
  }

  private view(intent: Intent, expandCharge: boolean) {
    const { capture_before, ...rest } = intent
    return {
      ...rest,
      latest_charge: expandCharge
        ? { id: intent.latest_charge, object: 'charge', payment_method_details: { type: 'card', card: { capture_before } } }
        : intent.latest_charge,
    }
  }
}

function error(status: number, type: string, code: string | undefined, message: string, paymentIntent?: unknown): Answer {
  return { status, body: { error: { type, ...(code ? { code } : {}), message, ...(paymentIntent ? { payment_intent: paymentIntent } : {}) } } }
}
