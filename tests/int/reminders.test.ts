/**
 * The reminder scan and send path against a real Postgres and a real SMTP server: what is sent, what is suppressed
 * and why, and that a reminder is never sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { sameForEveryGroup } from '../../src/domain/notificationPreferences'
import { startTestApp, type TestApp } from '../helpers/app'
import { dbOf } from '../../src/db/sql'
import { seedWorld, type World } from '../helpers/fixtures'
import {
  bookVisit,
  carriesLog,
  DAY,
  drain,
  HOUR,
  localClock,
  logsOf,
  MINUTE,
  roundedFromNow,
  rows,
  scan,
  zoneWhereHour,
} from '../helpers/reminders'
import { startSmtp, type Mail, type Mailbox } from '../helpers/smtp'

let app: TestApp
let mail: Mailbox
let world: World

const daytime = (h: number) => h >= 9 && h < 19

beforeAll(async () => {
  mail = await startSmtp()
  app = await startTestApp({
    env: {
      SMTP_URL: mail.url,
      REMINDER_LEAD_MINUTES: '1440,180',
      REMINDER_OVERDUE_MINUTES: '2000',
      VERIFICATION_NUDGE_MINUTES: '600',
      COMPLETION_NUDGE_MINUTES: '120',
      QUOTE_FOLLOW_UP_MINUTES: '1440',
    },
  })
  world = await seedWorld(app.payload, app.baseUrl)
  // Everyone is in their daytime, so quiet hours (21-8, the default) hold nothing back here; guardrails test them.
  await rows(app.payload, sql`UPDATE users SET time_zone = ${zoneWhereHour(daytime)}`)
})

afterAll(async () => {
  await app?.close()
  await mail?.close()
})

const header = (m: Mail, name: string) => m.headers[name.toLowerCase()]
const mailsFor = (email: string, kind?: string) =>
  mail.messages.filter((m) => m.to.includes(email) && (!kind || header(m, 'x-jobline-kind') === kind))

describe('visit reminders', () => {
  it('reach both sides over SMTP once, with the visit in the job’s local time and zone', async () => {
    const start = roundedFromNow(90)
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider1,
      start,
      timeZone: 'Europe/Berlin',
      title: 'Hang the kitchen cabinets',
    })
    await scan(app.payload)
    await drain(app.payload)
    await scan(app.payload) // a second pass finds nothing new to send
    await drain(app.payload)

    const logs = await logsOf(app.payload, assignmentId)
    // The 180-minute reminder is due; the 1440-minute one, also overdue because the worker "was not running", is
    // superseded rather than sent in the same breath.
    expect(logs.map((l) => [l.dedupe_key.split(':').at(-3), l.status, l.reason]).sort()).toEqual(
      [
        ['1440', 'suppressed', 'superseded'],
        ['1440', 'suppressed', 'superseded'],
        ['180', 'sent', null],
        ['180', 'sent', null],
      ].sort(),
    )

    const [toCustomer] = mailsFor('alice@jobline.local', 'visit_reminder').filter((m) => m.subject.includes('kitchen cabinets'))
    const toProvider = mailsFor('pat@jobline.local', 'visit_reminder').filter((m) => m.subject.includes('kitchen cabinets'))
    expect(toProvider).toHaveLength(1)
    expect(mailsFor('alice@jobline.local', 'visit_reminder').filter((m) => m.subject.includes('kitchen cabinets'))).toHaveLength(1)
    const berlin = localClock(start, 'Europe/Berlin')
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'short' })
      .formatToParts(start)
      .find((p) => p.type === 'timeZoneName')!.value // CET or CEST
    // "When: Tue, Nov 24, 2026, 8:35 – 9:35 AM CET": the start as a Berlin wall clock reads it, zone named
    expect(toCustomer.text).toMatch(new RegExp(`When: .*\\b${berlin.text}( ${berlin.dayPeriod})? – .* ${zone}\\b`))
    expect(toCustomer.text).toContain('Hang the kitchen cabinets')
    expect(toCustomer.text).toContain('Pat Plumber')
    expect(header(toCustomer, 'x-jobline-notification')).toBe(String(logs.find((l) => l.status === 'sent' && l.recipient_id === world.ids.customerA)!.id))
  })

  it('skips a lead time that had already passed when the visit was booked', async () => {
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerB,
      providerId: world.ids.provider2,
      start: roundedFromNow(120),
      bookedAt: new Date(Date.now() - 10 * MINUTE), // booked 10 minutes ago: both lead times had passed
    })
    await scan(app.payload)
    expect(await logsOf(app.payload, assignmentId)).toEqual([])
  })

  it('reschedule before the reminder went out: the old one is suppressed (rescheduled), the new one sent', async () => {
    const provider = world.clients.provider1
    const customer = world.clients.customerA
    const { jobId, assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider1,
      start: roundedFromNow(100),
      title: 'Fix the attic window',
    })
    await scan(app.payload) // recorded and queued, not yet sent
    const before = await logsOf(app.payload, assignmentId)
    expect(before.filter((l) => l.status === 'pending')).toHaveLength(2)

    // The provider proposes a later time and the customer confirms it: the real reschedule action.
    const newStart = roundedFromNow(150)
    const proposed = await provider.act(`/api/jobs/${jobId}/schedule`, {
      windows: [{ start: newStart.toISOString(), end: new Date(newStart.getTime() + 30 * MINUTE).toISOString() }],
    })
    expect(proposed.status).toBe(201)
    const { body: current } = await customer.get(`/api/assignments/${assignmentId}`)
    const confirmed = await customer.act(`/api/assignments/${assignmentId}/schedule/confirm`, {
      proposalId: proposed.body.proposal.id,
      windowIndex: 0,
      version: current.version,
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.action).toBe('reschedule')

    await drain(app.payload) // the old reminder's job runs now and finds the visit moved
    const old = await logsOf(app.payload, assignmentId)
    expect(old.filter((l) => before.some((b) => b.id === l.id && b.status === 'pending')).map((l) => [l.status, l.reason])).toEqual([
      ['suppressed', 'rescheduled'],
      ['suppressed', 'rescheduled'],
    ])
    expect(mailsFor('alice@jobline.local', 'visit_reminder').filter((m) => m.subject.includes('attic window'))).toHaveLength(0)

    // Time travel: the new time was agreed a day ago, so its 180-minute reminder is due now.
    await rows(app.payload, sql`UPDATE assignments SET timestamps_scheduled_at = now() - interval '1 day' WHERE id = ${assignmentId}`)
    await scan(app.payload)
    await drain(app.payload)
    const sent = (await logsOf(app.payload, assignmentId)).filter((l) => l.status === 'sent')
    expect(sent).toHaveLength(2)
    expect(sent.every((l) => new Date(l.planned_start!).getTime() === newStart.getTime())).toBe(true)
    const [reminder] = mailsFor('alice@jobline.local', 'visit_reminder').filter((m) => m.subject.includes('attic window'))
    expect(reminder.text).toContain(localClock(newStart, 'Europe/Berlin').text)
    // and the move itself was announced once, by the reschedule action
    expect(mailsFor('alice@jobline.local', 'schedule_changed').filter((m) => m.subject.includes('attic window'))).toHaveLength(1)
  })

  it('cancel before the reminder went out: suppressed (cancelled), nothing sent', async () => {
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider2,
      start: roundedFromNow(95),
      title: 'Service the dishwasher',
    })
    await scan(app.payload)
    const res = await world.clients.customerA.act(`/api/assignments/${assignmentId}/cancel`, { reason: 'Bought a new one' })
    expect(res.status).toBe(200)
    await drain(app.payload)
    const logs = await logsOf(app.payload, assignmentId)
    expect(logs.filter((l) => l.dedupe_key.includes(':180:')).map((l) => [l.status, l.reason])).toEqual([
      ['suppressed', 'cancelled'],
      ['suppressed', 'cancelled'],
    ])
    expect(mail.messages.filter((m) => header(m, 'x-jobline-kind') === 'visit_reminder' && m.subject.includes('dishwasher'))).toEqual([])
    expect(mailsFor('alice@jobline.local', 'visit_cancelled').filter((m) => m.subject.includes('dishwasher'))).toHaveLength(1)
  })

  it('a status change no action announced (a fix made in the database by hand) is caught at send time', async () => {
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerB,
      providerId: world.ids.provider1,
      start: roundedFromNow(110),
      title: 'Bleed the radiators',
    })
    await scan(app.payload)
    // no API can do this any more (only actions move a status, and they suppress what they make stale)
    expect((await world.clients.ops.patch(`/api/assignments/${assignmentId}`, { status: 'cancelled' })).status).toBe(403)
    await dbOf(app.payload).execute(sql`UPDATE assignments SET status = 'cancelled' WHERE id = ${assignmentId}`)
    // the rows are still pending: nothing told them
    expect((await logsOf(app.payload, assignmentId)).filter((l) => l.status === 'pending')).toHaveLength(2)
    await drain(app.payload)
    expect(
      (await logsOf(app.payload, assignmentId)).filter((l) => l.dedupe_key.includes(':180:')).map((l) => [l.status, l.reason]),
    ).toEqual([
      ['suppressed', 'cancelled'],
      ['suppressed', 'cancelled'],
    ])
    expect(mail.messages.filter((m) => m.subject.includes('radiators'))).toEqual([])
  })

  it('a delivery job run several times at once sends once', async () => {
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerB,
      providerId: world.ids.provider2,
      start: roundedFromNow(130),
      title: 'Seal the bathtub',
    })
    await scan(app.payload)
    const [log] = (await logsOf(app.payload, assignmentId)).filter((l) => l.status === 'pending' && l.recipient_id === world.ids.customerB)
    // What Payload 3's queue does with two workers: the same job (here, four jobs for one reminder) run concurrently.
    for (let i = 0; i < 3; i++) {
      await rows(app.payload, sql`INSERT INTO payload_jobs (input, task_slug, queue) VALUES
        (${JSON.stringify({ logId: log.id })}::jsonb, 'sendNotification', 'default')`)
    }
    // the scan's batch job and three single ones
    const jobs = await rows(app.payload, sql`SELECT id FROM payload_jobs WHERE ${carriesLog(log.id)}`)
    expect(jobs.length).toBe(4)
    await Promise.all(jobs.flatMap((j) => [0, 1].map(() => app.payload.jobs.runByID({ id: Number(j.id), silent: true }))))
    await Promise.all([app.payload.jobs.run({ limit: 50, silent: true }), app.payload.jobs.run({ limit: 50, silent: true })])
    await drain(app.payload)
    expect(mail.messages.filter((m) => header(m, 'x-jobline-notification') === String(log.id))).toHaveLength(1)
    const [after] = await rows(app.payload, sql`SELECT status, attempts, lease_until FROM reminder_logs WHERE id = ${log.id}`)
    expect(after).toMatchObject({ status: 'sent', lease_until: null })
    expect(Number(after.attempts)).toBe(1)
  })

  it('an opted-out channel is recorded as suppressed, also when the opt-out comes after planning', async () => {
    // Bob turns email off after the reminder is planned; Riley has SMS on and a phone, so SMS rows exist for him.
    await app.payload.update({ collection: 'users', id: world.ids.provider2, data: { phone: '+49 30 1234567', notifications: sameForEveryGroup({ email: true, sms: false }) }, overrideAccess: true })
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerB,
      providerId: world.ids.provider2,
      start: roundedFromNow(140),
      title: 'Replace the doorbell',
    })
    await scan(app.payload)
    try {
      await app.payload.update({ collection: 'users', id: world.ids.customerB, data: { notifications: sameForEveryGroup({ email: false, sms: false }) }, overrideAccess: true })
      await drain(app.payload)
      const due = (await logsOf(app.payload, assignmentId)).filter((l) => l.dedupe_key.includes(':180:'))
      const byWho = due.map((l) => [l.recipient_id === world.ids.customerB ? 'customer' : 'provider', l.channel, l.status, l.reason]).sort()
      expect(byWho).toEqual(
        [
          ['customer', 'email', 'suppressed', 'opted_out'],
          ['provider', 'email', 'sent', null],
          ['provider', 'sms', 'suppressed', 'opted_out'],
        ].sort(),
      )
    } finally {
      await app.payload.update({ collection: 'users', id: world.ids.customerB, data: { notifications: sameForEveryGroup({ email: true, sms: false }) }, overrideAccess: true })
      await app.payload.update({ collection: 'users', id: world.ids.provider2, data: { phone: null }, overrideAccess: true })
    }
  })
})

describe('nudges and overdue alerts', () => {
  it('nudges the provider to complete, the customer to verify and to answer a quote, once each', async () => {
    const ended = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider2,
      start: new Date(Date.now() - 5 * HOUR),
      bookedAt: new Date(Date.now() - 3 * DAY),
      title: 'Tile the porch',
    })
    // the seeded "Fix leaking kitchen tap" quotes are a day and a half old now
    await rows(app.payload, sql`UPDATE quotes SET created_at = now() - interval '36 hours' WHERE status = 'pending'`)
    await scan(app.payload)
    await drain(app.payload)
    await scan(app.payload)
    await drain(app.payload)

    expect((await logsOf(app.payload, ended.assignmentId, 'completion_nudge')).map((l) => [l.recipient_id, l.status])).toEqual([
      [world.ids.provider2, 'sent'],
    ])
    const nudge = mailsFor('quinn@jobline.local', 'completion_nudge').filter((m) => m.subject.includes('Tile the porch'))
    expect(nudge).toHaveLength(1)
    const [completed] = await rows(app.payload, sql`SELECT reminders_completion_nudged_at FROM assignments WHERE id = ${ended.assignmentId}`)
    expect(completed.reminders_completion_nudged_at).not.toBeNull()

    // seeded: "Paint the hallway", marked complete by the provider a day ago → Alice is asked to verify
    expect(mailsFor('alice@jobline.local', 'verification_nudge').map((m) => m.subject)).toEqual(['Please check the work: Paint the hallway'])
    // seeded: two pending quotes on "Fix leaking kitchen tap" → one follow-up each
    const followUps = mailsFor('alice@jobline.local', 'quote_follow_up')
    expect(followUps).toHaveLength(2)
    expect(followUps.map((m) => m.text).join()).toMatch(/Pat Plumber quoted \$125\.00/)
  })

  it('flags an assignment stuck past the SLA and alerts Ops once; clears the flag when it moves on', async () => {
    // seeded: "Repair garden fence", accepted two days ago and still unscheduled (SLA here: 2000 minutes)
    const [fence] = await rows(app.payload, sql`
      SELECT a.id FROM assignments a JOIN jobs j ON j.id = a.job_id WHERE j.title = 'Repair garden fence'`)
    const fenceId = Number(fence.id)
    await scan(app.payload)
    await scan(app.payload)
    await drain(app.payload)
    const [flag] = await rows(app.payload, sql`SELECT reminders_overdue, reminders_overdue_flagged_at FROM assignments WHERE id = ${fenceId}`)
    expect(flag.reminders_overdue).toBe(true)
    const alerts = await logsOf(app.payload, fenceId, 'reminder_overdue')
    expect(alerts.map((l) => [l.recipient_id, l.status])).toEqual([[world.ids.ops, 'sent']])
    const [alert] = mailsFor('ops@jobline.local', 'reminder_overdue')
    expect(alert.subject).toContain('has no visit booked')

    // Ops alerts are internal: the customer cannot read them, Ops can
    const asCustomer = await world.clients.customerA.get(`/api/reminder-logs?where[assignment][equals]=${fenceId}&where[kind][equals]=reminder_overdue`)
    expect(asCustomer.body.totalDocs).toBe(0)
    const asOps = await world.clients.ops.get(`/api/reminder-logs?where[assignment][equals]=${fenceId}&where[kind][equals]=reminder_overdue`)
    expect(asOps.body.totalDocs).toBe(1)

    // Alice confirms Pat's open proposal: the assignment is scheduled, no longer overdue
    const { body: proposals } = await world.clients.customerA.get(`/api/schedule-proposals?where[assignment][equals]=${fenceId}&where[status][equals]=open`)
    const { body: current } = await world.clients.customerA.get(`/api/assignments/${fenceId}`)
    const confirmed = await world.clients.customerA.act(`/api/assignments/${fenceId}/schedule/confirm`, {
      proposalId: proposals.docs[0].id,
      windowIndex: 0,
      version: current.version,
    })
    expect(confirmed.status).toBe(200)
    await scan(app.payload)
    const [after] = await rows(app.payload, sql`SELECT reminders_overdue FROM assignments WHERE id = ${fenceId}`)
    expect(after.reminders_overdue).toBe(false)
    expect(mailsFor('ops@jobline.local', 'reminder_overdue')).toHaveLength(1)
  })

  it('shows each party the reminders addressed to them, and Ops all of them', async () => {
    const { assignmentId } = await bookVisit(app.payload, {
      customerId: world.ids.customerA,
      providerId: world.ids.provider1,
      start: roundedFromNow(200),
      title: 'Clean the chimney',
    })
    await scan(app.payload)
    await drain(app.payload)
    const path = `/api/reminder-logs?where[assignment][equals]=${assignmentId}&where[kind][equals]=visit_reminder&limit=20&depth=0`
    const count = async (client: keyof World['clients']) => (await world.clients[client].get(path)).body.totalDocs
    // two lead times to each side: each sees their own two, never the other side's address and text
    expect(await count('customerA')).toBe(2)
    expect(await count('provider1')).toBe(2)
    expect(await count('ops')).toBe(4)
    const mine = await world.clients.customerA.get(path)
    expect(mine.body.docs.map((d: { recipient: unknown }) => d.recipient)).toEqual([world.ids.customerA, world.ids.customerA])
    expect(await count('customerB')).toBe(0)
    expect(await count('provider2')).toBe(0)
  })
})

