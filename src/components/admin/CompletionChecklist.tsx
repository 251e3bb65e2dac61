import type { JSONFieldServerProps } from 'payload'
import React from 'react'

import { formatInZone } from '@/domain/zonedTime'
import type { Assignment, User } from '@/payload-types'
import { nameOf } from './workbench/facts'

type Stored = { items?: unknown; note?: unknown } | null | undefined

/**
 * An assignment's `completionChecklist` in the admin: what the provider said they did when they marked the job done
 * ("✓ Replaced the washer"), their note, who marked it done and when, in the job's time zone. Read-only, in words, in
 * place of Payload's JSON editor (which loads Monaco from a public CDN: src/fields/shownAsData.ts).
 */
export async function CompletionChecklist({ data, payload, req }: JSONFieldServerProps) {
  const a = (data ?? {}) as Partial<Assignment>
  const raw = a.completionChecklist as Stored
  const items = Array.isArray(raw?.items) ? raw.items.filter((i): i is string => typeof i === 'string') : []
  const note = typeof raw?.note === 'string' ? raw.note : null
  const doneAt = a.timestamps?.providerCompletedAt
  const provider =
    typeof a.provider === 'number' && req.user
      ? ((await payload.findByID({ collection: 'users', id: a.provider, depth: 0, user: req.user, overrideAccess: false, disableErrors: true })) as User | null)
      : a.provider
  const who = provider ? nameOf(provider) : 'the provider'

  return (
    <div className="field-type jl-checklist" role="group" aria-labelledby="jl-checklist-label" data-testid="completion-checklist">
      <p className="field-label" id="jl-checklist-label">
        Completion checklist
      </p>
      {doneAt ? (
        <p className="jl-muted">
          Marked done by {who}, {formatInZone(new Date(doneAt), a.timeZone ?? 'UTC')}
          {items.length === 0 && !note ? ', with no checklist.' : '.'}
        </p>
      ) : (
        <p className="jl-muted">Not marked done yet: the provider fills this in when they mark the job done.</p>
      )}
      {items.length > 0 && (
        <ul className="jl-plain">
          {items.map((item, i) => (
            <li key={i}>
              <span aria-hidden="true">✓ </span>
              {item}
            </li>
          ))}
        </ul>
      )}
      {note && <p>Note for the customer: “{note}”</p>}
    </div>
  )
}
