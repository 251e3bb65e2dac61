import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

import { mailTo, screenshot } from './support'

/**
 * "Forgot your password?" as a person walks it on a phone: from /login to the form, the email from the test mailbox,
 * its link, a new password, signed in; then the new password signs in and the old one does not, and the same link
 * opened again says it was used. The person signs up here (never a demo user: other lanes sign in as those).
 */

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })

/** No serious or critical accessibility problem on what the page shows now. */
async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
}

test('forgot password on a phone: ask, open the emailed link, choose a new password, signed in; the link then works no more', async ({ page, request }) => {
  const email = `reset-${Date.now()}@example.test`
  const signUp = await request.post('/api/users', { data: { email, password: 'old-password', name: 'Rosa Reset', timeZone: 'Europe/Berlin' } })
  expect(signUp.status()).toBe(201)

  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Email me a link' }).click()
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
  await expect(page.locator('main').getByRole('status')).toHaveText(`If an account uses ${email}, we sent it a link to reset the password. The link works once, for one hour.`)
  await axeClean(page)

  const mail = await mailTo(request, email, (m) => m.subject === 'Reset your Jobline password', 30_000)
  const link = /href="([^"]+\/reset-password\?token=[0-9a-f]{40})"/.exec(mail.html)?.[1]
  expect(link).toBeTruthy()
  expect(new URL(link!).origin).toBe(new URL(page.url()).origin) // SERVER_URL: the site itself

  await page.goto(link!)
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  await page.getByLabel('New password', { exact: true }).fill('new-password')
  await page.getByLabel('New password again').fill('new-passwort')
  await page.getByRole('button', { name: 'Save and sign in' }).click()
  await expect(page.getByText('This is not the same as the new password above.')).toBeVisible()
  await page.getByLabel('New password again').fill('new-password')
  await page.getByRole('button', { name: 'Save and sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Your password is changed' })).toBeVisible()
  await axeClean(page)
  await screenshot(page, 'password-reset-done')
  await page.getByRole('link', { name: 'Go to My jobs' }).click()
  await expect(page.getByRole('heading', { name: 'My jobs' })).toBeVisible()

  // the new password is the one that signs in
  await page.context().clearCookies()
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('old-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.locator('main').getByRole('alert')).toContainText('That email and password do not match an account.')
  await page.getByLabel('Password').fill('new-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/jobs\/?$/)

  // the same link again: used, says so, changes nothing
  await page.goto(link!)
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()
  await expect(page.locator('main').getByRole('alert')).toHaveText('This link has expired or was already used. Ask for a new one.')
  await page.getByRole('link', { name: 'Ask for a new link' }).click()
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
  const login = await request.post('/api/users/login', { data: { email, password: 'new-password' } })
  expect(login.status()).toBe(200)
})
