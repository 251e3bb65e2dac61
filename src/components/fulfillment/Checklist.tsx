import type { Assignment } from '@/payload-types'
import { when } from '../format'

type CompletionChecklist = { items?: unknown; note?: unknown }

/** What the provider said they did when marking the job complete. */
export function Checklist({ assignment, timeZone }: { assignment: Assignment; timeZone: string }) {
  const raw = assignment.completionChecklist as CompletionChecklist | null | undefined
  const completedAt = assignment.timestamps?.providerCompletedAt
  if (!raw && !completedAt) return null
  const items = Array.isArray(raw?.items) ? raw.items.filter((i): i is string => typeof i === 'string') : []
  const note = typeof raw?.note === 'string' ? raw.note : null
  return (
    <section className="card" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Completion checklist</h2>
      {completedAt && <p className="muted">Marked complete {when(completedAt, timeZone)}</p>}
      {items.length > 0 ? (
        <ul className="checklist">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No checklist items.</p>
      )}
      {note && <p className="note">“{note}”</p>}
    </section>
  )
}
