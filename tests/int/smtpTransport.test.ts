/**
 * The pooled SMTP transport (src/services/notifications/channels/smtpTransport.ts) against a real SMTP server: it
 * sends, it fails each message promptly while the server is down, and it sends again once the server is back — the
 * pool must not be left holding the connections that failed (it was, with five of them: the outage never ended).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { smtpTransport } from '../../src/services/notifications/channels/smtpTransport'
import { startSmtp, type Mailbox } from '../helpers/smtp'

let mail: Mailbox
let transport: ReturnType<typeof smtpTransport>
beforeAll(async () => {
  mail = await startSmtp()
  transport = smtpTransport(mail.url)
})
afterAll(async () => {
  transport.close()
  await mail.close()
})

const send = (subject: string) => transport.sendMail({ from: 'no-reply@jobline.local', to: 'someone@jobline.local', subject, text: subject })

it('sends many messages at once over the pool, each arriving once', async () => {
  await Promise.all(Array.from({ length: 40 }, (_, i) => send(`pooled ${i}`)))
  const subjects = mail.messages.map((m) => m.subject).filter((s) => s.startsWith('pooled '))
  expect(new Set(subjects).size).toBe(40)
  expect(subjects).toHaveLength(40)
})

it('fails every message while the server is down, more than the pool has connections, and sends again once it is back', async () => {
  await send('before the outage')
  await mail.down()
  // one after another, so each needs a new connection: twice the pool's five
  const outcomes: string[] = []
  for (let i = 0; i < 10; i++) outcomes.push(await send(`during ${i}`).then(() => 'sent', (e: Error) => e.message))
  expect(outcomes.every((o) => o !== 'sent')).toBe(true)
  expect(outcomes[9]).toMatch(/ECONNREFUSED/)
  await mail.up()
  await Promise.all(Array.from({ length: 10 }, (_, i) => send(`after ${i}`)))
  const subjects = mail.messages.map((m) => m.subject)
  expect(subjects.filter((s) => s.startsWith('after '))).toHaveLength(10)
  expect(subjects.filter((s) => s.startsWith('during '))).toHaveLength(0)
})
