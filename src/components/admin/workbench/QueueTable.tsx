'use client'

import React, { useState } from 'react'

import type { OpsButton } from '@/services/console/opsActions'
import { OpsActions } from './OpsActions'

export type QueueRow = { id: string; testId: string; cells: React.ReactNode[]; buttons: OpsButton[] }

/**
 * A queue of records waiting for Ops (payouts to review, open disputes, failed captures): one row each with the
 * buttons of what Ops may do from its state. A row acted on leaves the list at once, and what was done is said above
 * it (the server's re-render then drops it for good).
 */
export function QueueTable({ columns, rows, emptyText }: { columns: string[]; rows: QueueRow[]; emptyText: string }) {
  const [done, setDone] = useState<{ id: string; text: string }[]>([])
  const hidden = new Set(done.map((d) => d.id))
  const visible = rows.filter((r) => !hidden.has(r.id))
  return (
    <>
      <div role="status">
        {done.map((d) => (
          <p key={d.id} className="jl-notice">
            {d.text}
          </p>
        ))}
      </div>
      {visible.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <table className="jl-table jl-queue-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id} data-testid={row.testId}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    <th scope="row" key={i}>
                      {cell}
                    </th>
                  ) : (
                    <td key={i}>{cell}</td>
                  ),
                )}
                <td>
                  <OpsActions buttons={row.buttons} heading="" onDone={(text) => setDone((d) => [...d, { id: row.id, text }])} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
