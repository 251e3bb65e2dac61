import { timingSafeEqual } from 'node:crypto'
import type { Endpoint } from 'payload'

import { env } from '../env'
import { WORKER_QUEUES } from '../jobs/queues'
import { registryFrom } from '../metrics/registry'
import { readMetricsSnapshot } from '../metrics/snapshot'
import { documented } from '../openapi/declare'

const bearerMatches = (header: string | null, token: string): boolean => {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Who may scrape: with METRICS_TOKEN set, the bearer of it (401 otherwise); without it, anyone outside production and
 * nobody in production (403: metrics describe the business and its backlog, and are never open to the internet).
 */
export function metricsRefusal({ isProduction, token, authorization }: { isProduction: boolean; token?: string; authorization: string | null }): Response | undefined {
  if (!token) {
    if (!isProduction) return undefined
    return new Response('Metrics are off: set METRICS_TOKEN to serve them.\n', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }
  if (bearerMatches(authorization, token)) return undefined
  return new Response('Send Authorization: Bearer <METRICS_TOKEN>.\n', {
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain; charset=utf-8' },
  })
}

/**
 * GET /api/metrics: Prometheus text, computed from the database at scrape time, so a reminder the worker process sent
 * is counted by whichever web process Prometheus scrapes. With METRICS_TOKEN set, it needs
 * `Authorization: Bearer <METRICS_TOKEN>`; in production without METRICS_TOKEN it is refused (403).
 */
const metrics: Endpoint = {
  path: '/metrics',
  method: 'get',
  handler: async (req) => {
    const config = env()
    const refusal = metricsRefusal({ isProduction: config.isProduction, token: config.metricsToken, authorization: req.headers.get('authorization') })
    if (refusal) return refusal
    const snapshot = await readMetricsSnapshot(req.payload, {
      pollIntervalMs: config.reminders.pollIntervalMs,
      queues: WORKER_QUEUES,
    })
    const registry = registryFrom(snapshot)
    return new Response(await registry.metrics(), {
      status: 200,
      headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
    })
  },
}

export const metricsEndpoint: Endpoint = documented(metrics, {
  tag: 'Operations',
  auth: 'metricsToken',
  summary: 'Prometheus metrics, computed from the database',
  description: 'Every web process reports the whole system (reminders, notifications, payouts, the queue, webhooks). The metrics: docs/M4-Reminder-Worker-Runbook.md#metrics.',
  responses: {
    200: { description: 'Prometheus text exposition 0.0.4.', contentType: 'text/plain' },
    401: { description: 'METRICS_TOKEN is set and the bearer token is missing or wrong.', contentType: 'text/plain' },
  },
})
