import { googleCalendarUrl } from '@/domain/calendar'
import type { Assignment, Job } from '@/payload-types'
import { appUrl } from '../api'
import { addressText, windowText } from '../format'

/** The booked visit in the job's zone, with "Add to calendar": the .ics file from the API and a Google Calendar link. */
export function VisitCard({ assignment, job, timeZone }: { assignment: Assignment; job: Job | null; timeZone: string }) {
  if (!assignment.scheduledStart || !assignment.scheduledEnd) return null
  const visit = { start: assignment.scheduledStart, end: assignment.scheduledEnd }
  const title = `Jobline visit: ${job?.title ?? `assignment ${assignment.id}`}`
  const location = addressText(job?.serviceAddress)
  const google = googleCalendarUrl({
    title,
    start: new Date(visit.start),
    end: new Date(visit.end),
    location: location || undefined,
    details: job?.title,
  })
  const past = assignment.status !== 'scheduled'
  return (
    <section className="card visit" aria-labelledby="visit-title">
      <h2 id="visit-title">{past ? 'Visit' : 'Your visit'}</h2>
      <p className="visit-time" data-testid="visit-time">
        {windowText(visit, timeZone)}
      </p>
      <p className="muted">Times are in the job&apos;s time zone, {timeZone}.</p>
      {location && <p>{location}</p>}
      {assignment.status === 'scheduled' && (
        <p className="actions">
          <span>Add to calendar:</span>
          <a href={appUrl(`/api/assignments/${assignment.id}/calendar.ics`)} download={`jobline-visit-${assignment.id}.ics`}>
            Download .ics (Outlook, Apple)
          </a>
          <a href={google} target="_blank" rel="noopener noreferrer">
            Google Calendar
          </a>
        </p>
      )}
    </section>
  )
}
