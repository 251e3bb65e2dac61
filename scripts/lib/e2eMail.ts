/**
 * Mail for the browser tests: a real SMTP server (tests/helpers/smtp.ts) the app sends to (its SMTP_URL), which the
 * tests read over HTTP (`GET http://127.0.0.1:<port>/_mail/messages`) to open a received email as a person would.
 */
import { createServer } from 'node:http'

import { startSmtp } from '../../tests/helpers/smtp'

/** Starts the SMTP server, points this process's (and its children's) SMTP_URL at it, and serves what it received. */
export async function startMailboxForE2E(port: number): Promise<void> {
  const mail = await startSmtp()
  process.env.SMTP_URL = mail.url
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/_mail/messages') {
      res.writeHead(404).end()
      return
    }
    // html: Payload's own emails (the password reset link) have no plain-text part
    const messages = mail.messages.map(({ to, subject, text, parts, headers }) => ({
      to,
      subject,
      text,
      html: parts.find((p) => p.contentType === 'text/html')?.content ?? '',
      headers,
    }))
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  console.log(`Test mailbox: SMTP on ${mail.url}, messages at http://127.0.0.1:${port}/_mail/messages`)
}
