import { expect, test } from '@playwright/test'

import { DEV_PASSWORD } from '../../src/seed'

test('Ops signs in to /admin and sees the fulfillment collections', async ({ page }) => {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill('ops@jobline.local')
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await expect(page).toHaveURL(/\/admin\/?$/)
  for (const name of ['Users', 'Jobs', 'Quotes', 'Assignments', 'Schedule Proposals', 'Payouts', 'Audit Events', 'Reminder Logs']) {
    await expect(page.getByRole('link', { name, exact: true }).first()).toBeVisible()
  }
  await page.screenshot({ path: 'test-results/e2e/screens/admin-dashboard.png', fullPage: true })

  await page.goto('/admin/collections/assignments')
  await expect(page.getByText('pending_schedule').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/e2e/screens/admin-assignments.png', fullPage: true })
})

test('a provider cannot use the Ops console', async ({ page }) => {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill('pat@jobline.local')
  await page.getByLabel('Password').fill(DEV_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await expect(page.getByText(/not allowed|unauthorized/i).first()).toBeVisible()
  await expect(page.getByRole('link', { name: 'Payouts', exact: true })).toHaveCount(0)
})
