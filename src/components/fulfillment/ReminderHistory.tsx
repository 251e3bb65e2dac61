import type { ReminderLog } from '@/payload-types'
import { when } from '../format'
import { relId } from './data'
import { reminderInstant, reminderKind, reminderOutcome } from './reminders'

/**
 * Reminders and notifications about this assignment that were sent to the viewer (the API shows each person only their
 * own; Ops see everyone's in the admin timeline): sent, not sent and why, failed.
 */
export function ReminderHistory({ logs, viewerId, timeZone }: { logs: ReminderLog[]; viewerId: number; timeZone: string }) {
  const to = (log: ReminderLog) => {
    const recipient = relId(log.recipient)
    if (recipient === viewerId) return 'You'
    if (recipient === relId(log.provider)) return 'Provider'
    if (recipient === relId(log.customer)) return 'Customer'
    return 'Ops'
  }
  return (
    <section className="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">Reminders</h2>
      {logs.length === 0 ? (
        <p className="muted">No reminders yet.</p>
      ) : (
        <table className="table stack">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">To</th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {logs.map((log) => (
              <tr key={log.id} className={`reminder-${log.status}`}>
                <td data-label="What">{reminderKind(log.kind)}</td>
                <td data-label="To">{to(log)}</td>
                <td data-label="How">{log.channel === 'sms' ? 'SMS' : 'Email'}</td>
                <td data-label="Status">{reminderOutcome(log)}</td>
                <td data-label="When">{when(reminderInstant(log), timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
