import { expect, test } from '@playwright/test'

import { signIn } from './support'

/** The account page's calendar subscription: create, rotate (the old URL stops working) and revoke the feed URL. */
test('a customer creates, rotates and revokes her calendar feed URL on her account page', async ({ page, request }) => {
  await signIn(page, 'alice@jobline.local')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click()
  const feed = page.getByRole('region', { name: 'Calendar subscription' })

  await feed.getByRole('button', { name: /^(Create|Rotate) feed URL$/ }).click()
  const https = feed.getByTestId('feed-https')
  await expect(https).toHaveText(/^http:\/\/localhost:\d+\/api\/calendar\/[A-Za-z0-9_-]{32}\.ics$/)
  const first = (await https.textContent())!
  await expect(feed.getByTestId('feed-webcal')).toHaveText(first.replace(/^http:/, 'webcal:'))
  const subscribed = await request.get(first)
  expect(subscribed.status()).toBe(200)
  expect(subscribed.headers()['content-type']).toContain('text/calendar')

  await feed.getByRole('button', { name: 'Rotate feed URL' }).click()
  await expect(https).not.toHaveText(first)
  const second = (await https.textContent())!
  expect((await request.get(first)).status()).toBe(404)
  expect((await request.get(second)).status()).toBe(200)

  // the page after a reload shows the same URL: it is read from her own record
  await page.reload()
  await expect(feed.getByTestId('feed-https')).toHaveText(second)

  await feed.getByRole('button', { name: 'Revoke feed URL' }).click()
  await expect(feed.getByTestId('no-feed')).toBeVisible()
  expect((await request.get(second)).status()).toBe(404)
})
