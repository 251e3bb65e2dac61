import type { JSONFieldServerProps } from 'payload'
import { toWords } from 'payload/shared'
import React from 'react'

import { formatInZone } from '@/domain/zonedTime'

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
// deeper than this, a value is shown as it is stored (a record's own nested record inside an event, say)
const MAX_DEPTH = 6

/** "entityVersion" → "Entity version", "log_ids" → "Log ids". */
const words = (key: string) => {
  const w = key.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return w.charAt(0).toUpperCase() + w.slice(1)
}

const isPlain = (v: unknown) => v === null || typeof v !== 'object'

function Value({ value, depth }: { value: unknown; depth: number }): React.ReactNode {
  if (value === null || value === undefined || value === '') return <span className="jl-muted">—</span>
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') {
    return ISO_INSTANT.test(value) ? <time dateTime={value}>{formatInZone(new Date(value), 'UTC')}</time> : value
  }
  if (typeof value !== 'object') return String(value)
  if (depth >= MAX_DEPTH) return <code className="jl-data-raw">{JSON.stringify(value)}</code>
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="jl-muted">none</span>
    if (value.every(isPlain)) return value.map((v) => (v === null ? '—' : String(v))).join(', ')
    return (
      <ol className="jl-data-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    )
  }
  const entries = Object.entries(value)
  if (entries.length === 0) return <span className="jl-muted">nothing</span>
  return (
    <dl className="jl-data">
      {entries.map(([k, v]) => (
        <React.Fragment key={k}>
          <dt>{words(k)}</dt>
          <dd>
            <Value value={v} depth={depth + 1} />
          </dd>
        </React.Fragment>
      ))}
    </dl>
  )
}

/**
 * A JSON field in the admin as what it holds, in words and read-only: keys as terms, lists as lists, instants in UTC.
 * Stands in for Payload's JSON editor, which loads Monaco from a public CDN (src/fields/shownAsData.ts). The value is
 * the field's own at its place in the document (`siblingData`: a row of an array is its row).
 */
export function DataView({ field, siblingData, value, path }: JSONFieldServerProps) {
  const stored = siblingData && field.name in siblingData ? siblingData[field.name] : value
  const label = typeof field.label === 'string' ? field.label : toWords(field.name)
  const description = typeof field.admin?.description === 'string' ? field.admin.description : null
  const id = `jl-data-${String(path ?? field.name).replace(/[^\w-]/g, '-')}`
  return (
    <div className="field-type jl-data-field" role="group" aria-labelledby={id} data-testid={`data-${path ?? field.name}`}>
      <p className="field-label" id={id}>
        {label}
      </p>
      <Value value={stored} depth={0} />
      {description && <p className="field-description jl-muted">{description}</p>}
    </div>
  )
}
