/**
 * The rules of outbound webhooks, as data and plain functions: which URLs an endpoint may have, which events it wants,
 * what a delivery's body is, and what a failed attempt leads to (a retry with backoff, or the end). No I/O here: the
 * sender (src/services/webhooks) resolves names and checks the addresses it connects to with the same rules.
 */
import { backoffDelay } from './backoff'
import { EVENT_TYPES, type EventType } from './events'
import { ADDRESS_CLASS_WORDS, classifyAddress, isLocalHostName } from './netAddresses'

export const WEBHOOK_URL_MAX_LENGTH = 2048
/** Subscribes an endpoint to every event type, now and future. */
export const ALL_EVENTS = '*'
export const WEBHOOK_EVENT_CHOICES = [ALL_EVENTS, ...(Object.keys(EVENT_TYPES) as EventType[])] as const

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/**
 * How one attempt ended, as the `result` label of webhook_deliveries_total: `delivered` (a 2xx), `http_error` (any
 * other status, redirects included: they are not followed), `timeout`, `network_error` (refused, reset, TLS, DNS) and
 * `blocked` (the host resolved to an address webhooks may not reach).
 */
export const ATTEMPT_RESULTS = ['delivered', 'http_error', 'timeout', 'network_error', 'blocked'] as const
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number]

export const SIGNATURE_HEADER = 'Jobline-Signature'
export const EVENT_ID_HEADER = 'Jobline-Event-Id'
export const EVENT_TYPE_HEADER = 'Jobline-Event-Type'
/** How long a rotated-out secret still signs deliveries, so receivers can switch without losing one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000
/** The longest a retry waits: after the first hour of failures an endpoint is tried about hourly. */
export const RETRY_MAX_DELAY_MS = 3_600_000

/** What is wrong with a webhook URL, in words for the 400, or null when it may be saved. */
export function webhookUrlProblem(value: unknown, { allowPrivate }: { allowPrivate: boolean }): string | null {
  if (typeof value !== 'string' || !value.trim()) return 'A URL is required: https://… where your receiver listens.'
  const text = value.trim()
  if (text.length > WEBHOOK_URL_MAX_LENGTH) return `The URL is ${text.length} characters; at most ${WEBHOOK_URL_MAX_LENGTH}.`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'Not a URL: use an absolute http:// or https:// address.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `Only http:// and https:// URLs receive webhooks (not ${url.protocol}//).`
  if (url.username || url.password) return 'Put no credentials in the URL: receivers verify the Jobline-Signature header instead.'
  if (!url.hostname) return 'The URL has no host.'
  if (!allowPrivate) {
    const host = hostOf(url)
    const kind = classifyAddress(host)
    if (kind && kind !== 'public') return `The URL points at ${ADDRESS_CLASS_WORDS[kind]} (${host}); webhooks go to public addresses only.`
    if (!kind && isLocalHostName(host)) return `The URL points at this machine or its private network (${host}); webhooks go to public addresses only.`
  }
  return null
}

/** The host of a URL as an address or a name (IPv6 without its brackets). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1')

/** Why a resolved address may not be connected to, or null when it may. */
export function blockedAddress(address: string, { allowPrivate }: { allowPrivate: boolean }): string | null {
  if (allowPrivate) return null
  const kind = classifyAddress(address) ?? 'reserved'
  return kind === 'public' ? null : `${address} is ${ADDRESS_CLASS_WORDS[kind]}`
}

/** Whether an endpoint subscribed to `types` wants an event of `type`. */
export const wantsEvent = (types: readonly string[], type: string): boolean => types.includes(ALL_EVENTS) || types.includes(type)

/** The key of the record an event is about in its `data` (src/operations/pipeline.ts writes it under its singular). */
const ENTITY_KEY: Record<string, string> = {
  jobs: 'job',
  quotes: 'quote',
  assignments: 'assignment',
  'schedule-proposals': 'proposal',
  payouts: 'payout',
}

export type StoredEvent = {
  id: number
  type: string
  entity: string
  occurredAt: Date
  /** The event row's data: the action, from, to, the action's facts and the record as written. */
  data: Record<string, unknown>
}

/**
 * The JSON a receiver gets for an event: `{ id, type, createdAt, data }`, where `data` is the record the event is
 * about as Ops read it (depth 0: relations are ids) and, when the action changed its status, `previous: { status }`.
 * Built from the append-only event row, so every attempt of a delivery sends the same bytes.
 */
export function webhookBody(event: StoredEvent): string {
  const record = event.data[ENTITY_KEY[event.entity] ?? ''] as Record<string, unknown> | undefined
  const { from, to } = event.data as { from?: unknown; to?: unknown }
  const data = { ...(record ?? {}), ...(from !== undefined && from !== to ? { previous: { status: from } } : {}) }
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.occurredAt.toISOString(), data })
}

export type RetryPolicy = {
  /** The first retry's delay; each later one doubles, ±20 % jitter, capped at RETRY_MAX_DELAY_MS. */
  baseMs: number
  /** How long a delivery is retried, from when it was queued (or redelivered). */
  retryForMs: number
  random?: () => number
}

export type AfterFailure = { kind: 'retry'; at: Date } | { kind: 'dead'; reason: string }

/**
 * What a failed attempt leads to: another attempt after an exponential, jittered delay, as long as the delivery has
 * been retried for less than `retryForMs` since it was queued — so the last attempt is at least that long after the
 * first — and then the end (`dead`).
 */
export function afterFailure({ attempts, queuedAt, now }: { attempts: number; queuedAt: Date; now: Date }, policy: RetryPolicy): AfterFailure {
  if (now.getTime() - queuedAt.getTime() >= policy.retryForMs) {
    return { kind: 'dead', reason: `retried for ${Math.round(policy.retryForMs / 3_600_000)} h without a 2xx` }
  }
  const delay = backoffDelay(attempts, { baseMs: policy.baseMs, maxMs: RETRY_MAX_DELAY_MS, random: policy.random })
  return { kind: 'retry', at: new Date(now.getTime() + delay) }
}

/**
 * Whether an endpoint is disabled after a round of attempts: `consecutiveFailures` of its attempts in a row failed
 * (the limit), or a delivery ran out of retries while the endpoint accepted nothing for that whole time (one event a
 * receiver keeps refusing, among others it accepts, ends alone and leaves the endpoint on).
 */
export function disableReason(
  endpoint: { consecutiveFailures: number; lastDeliveredAt: Date | null },
  { exhausted, now, limit, retryForMs }: { exhausted: boolean; now: Date; limit: number; retryForMs: number },
): string | null {
  if (endpoint.consecutiveFailures >= limit) return `${endpoint.consecutiveFailures} consecutive failed attempts (limit ${limit})`
  const quietSince = endpoint.lastDeliveredAt ? now.getTime() - endpoint.lastDeliveredAt.getTime() : Number.POSITIVE_INFINITY
  if (exhausted && quietSince >= retryForMs) return `no delivery accepted for ${Math.round(retryForMs / 3_600_000)} h`
  return null
}

/**
 * What a round of attempts (true = delivered, in the order they finished) does to the endpoint's run of consecutive
 * failures: a round with a success resets it to the failures after its last success; one without adds all of its own.
 */
export function failureRun(outcomes: readonly boolean[]): { reset: boolean; count: number } {
  const lastSuccess = outcomes.lastIndexOf(true)
  return lastSuccess === -1 ? { reset: false, count: outcomes.length } : { reset: true, count: outcomes.length - 1 - lastSuccess }
}
