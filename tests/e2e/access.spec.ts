import { expect, test } from '@playwright/test'

import { apiAs, screenshot, signIn } from './support'

const idOf = async (api: Awaited<ReturnType<typeof apiAs>>, collection: string, query: string) => {
  const { status, body } = await api.get(`/api/${collection}?${query}`)
  expect(status).toBe(200)
  expect(body.docs.length).toBeGreaterThan(0)
  return body.docs[0].id as number
}

test("a customer opening another customer's job sees “not found”, on both URL forms", async ({ page, request }) => {
  const bob = await apiAs(request, 'bob@jobline.local')
  const bobsJob = await idOf(bob, 'jobs', `where[title][equals]=${encodeURIComponent('Install ceiling lights')}`)

  await signIn(page, 'alice@jobline.local')
  await page.goto(`/jobs/${bobsJob}`)
  await expect(page.getByRole('heading', { name: 'Job not found' })).toBeVisible()
  await expect(page.getByText('Install ceiling lights')).toHaveCount(0)
  await screenshot(page, 'customer-not-found')

  await page.goto(`/jobs/view?id=${bobsJob}`)
  await expect(page.getByRole('heading', { name: 'Job not found' })).toBeVisible()
  await page.goto('/jobs/view?id=not-a-number')
  await expect(page.getByRole('heading', { name: 'Job not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to My jobs' }).click()
  await expect(page.getByRole('heading', { name: 'My jobs' })).toBeVisible()
})

test("a provider opening someone else's assignment sees “not found”; a customer is sent to their own pages", async ({ page, request }) => {
  const riley = await apiAs(request, 'riley@jobline.local')
  const rileys = await idOf(riley, 'assignments', `where[provider][equals]=${riley.user.id}`)

  await signIn(page, 'pat@jobline.local')
  await page.goto(`/assignments/${rileys}`)
  await expect(page.getByRole('heading', { name: 'Assignment not found' })).toBeVisible()
  await page.goto(`/jobs/1`)
  await expect(page.getByRole('heading', { name: 'This page is for customers' })).toBeVisible()
})

test('signed out, the pages ask to sign in, and signing in returns to the page asked for', async ({ page, request }) => {
  const alice = await apiAs(request, 'alice@jobline.local')
  const fence = await idOf(alice, 'jobs', `where[title][equals]=${encodeURIComponent('Repair garden fence')}`)
  await page.goto(`/jobs/view?id=${fence}`)
  await expect(page.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible()
  await page.getByRole('link', { name: 'Sign in', exact: true }).last().click()

  // a wrong password is reported in the form, and an empty field next to itself
  await page.getByLabel('Email').fill('alice@jobline.local')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password.')
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText(/do not match an account/)).toBeVisible()

  await page.getByLabel('Password').fill('jobline-dev')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(new RegExp(`/jobs/view\\?id=${fence}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Repair garden fence')

  // signing out ends the session: the API no longer knows the browser
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/jobs')
  await expect(page.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible()
})

test('a provider signed in on the site cannot use the Ops console or its payouts view', async ({ page }) => {
  await signIn(page, 'pat@jobline.local')
  await page.goto('/admin')
  await expect(page.getByText(/not allowed|unauthorized/i).first()).toBeVisible()
  await page.goto('/admin/payouts')
  await expect(page.getByText(/not allowed|unauthorized/i).first()).toBeVisible()
  await expect(page.getByText('Payouts to review')).toHaveCount(0)
})
