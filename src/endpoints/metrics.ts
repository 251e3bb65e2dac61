import { timingSafeEqual } from 'node:crypto'
import type { Endpoint } from 'payload'

import { env } from '../env'
import { WORKER_QUEUES } from '../jobs/queues'
import { registryFrom } from '../metrics/registry'
import { readMetricsSnapshot } from '../metrics/snapshot'

const bearerMatches = (header: string | null, token: string): boolean => {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * GET /api/metrics: Prometheus text, computed from the database at scrape time, so a reminder the worker process sent
 * is counted by whichever web process Prometheus scrapes. With METRICS_TOKEN set, it needs
 * `Authorization: Bearer <METRICS_TOKEN>`.
 */
export const metricsEndpoint: Endpoint = {
  path: '/metrics',
  method: 'get',
  handler: async (req) => {
    const config = env()
    if (config.metricsToken && !bearerMatches(req.headers.get('authorization'), config.metricsToken)) {
      return new Response('Send Authorization: Bearer <METRICS_TOKEN>.\n', {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain; charset=utf-8' },
      })
    }
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
