import type { AuditEvent } from '@/payload-types'
import { when } from '../format'
import { describeEvent, type PeopleNames } from './timeline'

/** What happened, oldest first, each with its time in the job's zone and who did it, by name where the reader knows it. */
export function Timeline({ events, timeZone, viewerRole, names }: { events: AuditEvent[]; timeZone: string; viewerRole?: string; names?: PeopleNames }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {events.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => {
            const d = describeEvent(e, viewerRole, names)
            return (
              <li key={e.id}>
                <time dateTime={e.at}>{when(e.at, timeZone)}</time>
                <span className="what">{d.what}</span>
                {d.change && <span className="change">{d.change}</span>}
                <span className="by">{d.by}</span>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
