import { expect, test, type Page } from '@playwright/test'

import { DEV_PASSWORD } from '../../src/seed'

/**
 * The admin works without internet: nothing on the login page or the dashboard is fetched from another host (Payload's
 * default Gravatar avatar was, and failed offline with net::ERR_NAME_NOT_RESOLVED and a broken image top right).
 * Every request to a host other than localhost is recorded and refused.
 */
function recordForeignRequests(page: Page) {
  const foreign: string[] = []
  const failed: string[] = []
  void page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url())
    if (['localhost', '127.0.0.1', '[::1]'].includes(hostname)) return route.continue()
    foreign.push(route.request().url())
    return route.abort('namenotresolved')
  })
  page.on('console', (m) => {
    if (m.type() === 'error' && /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/.test(m.text())) failed.push(m.text())
  })
  return { foreign, failed }
}

const brokenImages = (page: Page) =>
  page.evaluate(() => [...document.images].filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.src))

test('the admin login page and the dashboard load nothing from another host', async ({ page }) => {
  const seen = recordForeignRequests(page)
  await page.goto('/admin/login')
  await expect(page.getByLabel('Email')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(await brokenImages(page)).toEqual([])

  await page.getByLabel('Email').fill('ops@jobline.local')
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.getByTestId('kpi-trend')).toBeVisible()
  await page.waitForLoadState('networkidle')
  // the account avatar top right is Payload's built-in one, drawn locally
  await expect(page.locator('a[href="/admin/account"]').first()).toBeVisible()
  expect(await brokenImages(page)).toEqual([])

  expect(seen.foreign).toEqual([])
  expect(seen.failed).toEqual([])
})
