import { expect, test } from '@playwright/test'

import { apiAs, minutesAfter, secondsFromNow, screenshot, SHORT_LEAD_MS, signIn } from './support'

const WORKER = process.env.RUN_WORKER_IN_WEB === 'true'
test.skip(!WORKER, 'needs the reminder worker: RUN_WORKER_IN_WEB=true (see playwright.config.ts)')

/**
 * Bob turns visit reminders off on his account page; his visit is then moved to half a minute ahead, and the worker
 * records his next reminder as not sent because he switched it off (opted_out), while Riley's goes out. Bad input is
 * refused with the field named. At the end the visit goes back to tomorrow and Bob's settings back to the defaults,
 * as the later tests expect them.
 */
test('a customer switches visit reminders off; the next reminder is suppressed as opted out', async ({ page, request }) => {
  await signIn(page, 'bob@jobline.local')
  await page.goto('/account')
  const settings = page.getByRole('region', { name: 'Notifications' })
  await expect(settings.getByTestId('transactional-row')).toContainText('cannot be turned off')
  await expect(settings.getByRole('checkbox', { name: 'Account messages by email (always on)' })).toBeDisabled()

  // Bob is in Berlin (his time zone): the field says numbers are read as German ones; one that is no phone number is
  // refused, naming the field with a German example, and nothing is saved
  await expect(settings.locator('#phone-hint')).toContainText('Read as a number in Germany')
  await settings.getByLabel('Mobile number for SMS').fill('030 12')
  await settings.getByRole('button', { name: 'Save notification settings' }).click()
  await expect(settings.locator('#phone-error')).toContainText('international format')
  await expect(settings.locator('#phone-error')).toContainText('like 01512 3456789')
  await expect(settings.getByLabel('Mobile number for SMS')).toHaveAttribute('aria-invalid', 'true')

  // quiet hours need both ends; the phone is now written the German way, without a country code
  await settings.getByLabel('Mobile number for SMS').fill('030 1234567')
  await settings.getByLabel('From').selectOption('22')
  await settings.getByRole('button', { name: 'Save notification settings' }).click()
  await expect(settings.getByRole('alert')).toBeVisible()
  await expect(settings.locator('#quiet-end-error')).toContainText('both')

  await settings.getByLabel('From').selectOption('')
  await settings.getByRole('checkbox', { name: 'Visit reminders by email' }).uncheck()
  await settings.getByRole('button', { name: 'Save notification settings' }).click()
  await expect(settings.getByRole('status')).toHaveText('Saved your notification settings.')
  await page.reload()
  await expect(settings.getByRole('checkbox', { name: 'Visit reminders by email' })).not.toBeChecked()
  // shown the way Bob writes it, kept in E.164
  await expect(settings.getByLabel('Mobile number for SMS')).toHaveValue('030 1234567')
  await screenshot(page, 'account-notifications')

  // Riley moves Bob's visit to start in 30 s; Bob confirms: the 15-second reminder is planned for both
  const bob = await apiAs(request, 'bob@jobline.local')
  expect((await bob.get(`/api/users/${bob.user.id}?depth=0`)).body.phone).toBe('+49301234567')
  const riley = await apiAs(request, 'riley@jobline.local')
  const job = (await bob.get(`/api/jobs?where[title][equals]=${encodeURIComponent('Install ceiling lights')}&depth=0`)).body.docs[0]
  const move = async (start: Date) => {
    const [current] = (await riley.get(`/api/assignments?where[job][equals]=${job.id}&where[status][equals]=scheduled&depth=0`)).body.docs
    const proposed = await riley.post(`/api/jobs/${job.id}/schedule`, {
      version: current.version,
      windows: [{ start: start.toISOString(), end: minutesAfter(start, 60).toISOString() }],
    })
    expect([proposed.status, proposed.body]).toEqual([201, expect.anything()])
    const confirmed = await bob.post(`/api/assignments/${proposed.body.assignment.id}/schedule/confirm`, {
      proposalId: proposed.body.proposal.id,
      windowIndex: 0,
      version: proposed.body.assignment.version,
    })
    expect(confirmed.status).toBe(200)
    return proposed.body.assignment.id as number
  }
  const assignmentId = await move(secondsFromNow(SHORT_LEAD_MS / 1000 + 15))

  await page.goto(`/jobs/view?id=${job.id}`)
  const reminders = page.getByRole('region', { name: 'Reminders' })
  const visitReminders = reminders.getByRole('row').filter({ hasText: 'Visit reminder' })
  await expect(async () => {
    await page.reload()
    await expect(visitReminders.filter({ hasText: 'You' }).filter({ hasText: 'notifications are switched off' }).first()).toBeVisible({ timeout: 5_000 })
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000] })
  await screenshot(page, 'reminder-opted-out')

  // what the API records: Bob's email suppressed as opted_out; Riley's reminder is not held back by Bob's choice
  const ops = await apiAs(request, 'ops@jobline.local')
  const logs = (await ops.get(`/api/reminder-logs?where[assignment][equals]=${assignmentId}&where[kind][equals]=visit_reminder&depth=0&limit=50`)).body.docs as {
    recipient: number
    channel: string
    status: string
    reason: string | null
    dedupeKey: string
  }[]
  const latest = logs.filter((l) => l.dedupeKey.includes(':15s:'))
  expect(latest.filter((l) => l.recipient === bob.user.id && l.channel === 'email').map((l) => [l.status, l.reason])).toContainEqual(['suppressed', 'opted_out'])
  expect(latest.filter((l) => l.recipient === riley.user.id).every((l) => l.reason !== 'opted_out')).toBe(true)

  // put things back for the tests after this one
  await move(minutesAfter(new Date(), 24 * 60))
  await settings.page().goto('/account')
  await settings.getByRole('checkbox', { name: 'Visit reminders by email' }).check()
  await settings.getByLabel('Mobile number for SMS').fill('')
  await settings.getByRole('button', { name: 'Save notification settings' }).click()
  await expect(settings.getByRole('status')).toHaveText('Saved your notification settings.')
})
