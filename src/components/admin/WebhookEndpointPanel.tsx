import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { dbOf } from '@/db/sql'
import type { WebhookDelivery } from '@/payload-types'
import { ageText } from './age'
import { RedeliverButton, RedeliverFailedButton, SecretControls } from './WebhookActions'

const RECENT = 25

/**
 * The `deliveryPanel` ui field of a webhook endpoint in the admin: its signing secret (reveal once, rotate) and its
 * recent deliveries — status, attempts, the last answer, latency, error — with redelivery of one or of all failed.
 * Read with the signed-in user's access (deliveries are Ops-only) plus one query for the secret's state, which is
 * never read back here: only whether it was shown.
 */
export async function WebhookEndpointPanel({ id, payload, req }: { id?: number | string; payload: Payload; req: PayloadRequest }) {
  if (!req.user) return null
  if (id == null) {
    return (
      <div className="field-type jl-webhook-panel">
        <h3>Signing secret</h3>
        <p className="jl-muted">A signing secret is generated when you save the endpoint. Reveal it then: it is shown once.</p>
      </div>
    )
  }
  const as = { user: req.user, overrideAccess: false, depth: 0 } as const
  const [recent, dead, pending, secret] = await Promise.all([
    payload.find({ collection: 'webhook-deliveries', where: { endpoint: { equals: id } }, sort: '-createdAt', limit: RECENT, ...as }),
    payload.count({ collection: 'webhook-deliveries', where: { and: [{ endpoint: { equals: id } }, { status: { equals: 'dead' } }] }, ...as }),
    payload.count({ collection: 'webhook-deliveries', where: { and: [{ endpoint: { equals: id } }, { status: { equals: 'pending' } }] }, ...as }),
    dbOf(payload).execute(sql`
      SELECT count(*) FILTER (WHERE expires_at IS NULL AND revealed_at IS NULL)::int AS unrevealed,
        max(expires_at) FILTER (WHERE expires_at > now()) AS overlap_until
      FROM webhook_secrets WHERE endpoint_id = ${Number(id)} AND (expires_at IS NULL OR expires_at > now())`),
  ])
  const s = secret.rows[0] ?? {}
  const now = new Date()
  return (
    <div className="field-type jl-webhook-panel" data-testid="webhook-endpoint-panel">
      <h3>Signing secret</h3>
      <SecretControls endpointId={Number(id)} unrevealed={Number(s.unrevealed ?? 0) > 0} overlapUntil={s.overlap_until ? new Date(String(s.overlap_until)).toISOString() : null} />
      <h3>Recent deliveries</h3>
      <p className="jl-muted">
        {pending.totalDocs} pending, {dead.totalDocs} failed for good. The last {RECENT}, newest first.
      </p>
      <RedeliverFailedButton endpointId={Number(id)} failed={dead.totalDocs} />
      {recent.docs.length === 0 ? (
        <p>Nothing sent yet.</p>
      ) : (
        <table className="jl-table">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Answer</th>
              <th scope="col">Latency</th>
              <th scope="col">Error</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {recent.docs.map((d: WebhookDelivery) => (
              <tr key={d.id} className={`jl-delivery-${d.status}`}>
                <td>
                  <time dateTime={d.createdAt} title={d.createdAt}>
                    {ageText(new Date(d.createdAt), now)} ago
                  </time>
                </td>
                <td>
                  {d.eventType} <span className="jl-muted">#{typeof d.event === 'object' ? d.event.id : d.event}, {d.entity} {d.entityId} v{d.entityVersion}</span>
                </td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.responseStatus ?? '—'}</td>
                <td>{d.latencyMs != null ? `${d.latencyMs} ms` : '—'}</td>
                <td className="jl-delivery-error">{d.error ?? ''}</td>
                <td>
                  <RedeliverButton deliveryId={d.id} label={d.status === 'pending' ? 'Retry now' : 'Redeliver'} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
