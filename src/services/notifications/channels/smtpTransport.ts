import net from 'node:net'
import nodemailer from 'nodemailer'
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js'
import type SMTPPool from 'nodemailer/lib/smtp-pool'

/** SMTP connections one process keeps open at most (the worker's lanes share them); `?maxConnections=` in SMTP_URL overrides it. */
export const SMTP_POOL_CONNECTIONS = 5

/** How long a new connection may take to open before nodemailer is left to try (and fail) on its own. */
const CONNECT_TIMEOUT_MS = 10_000

const open = new Set<{ close: () => void }>()

/**
 * The transport for SMTP_URL: a pool of up to SMTP_POOL_CONNECTIONS connections kept open between messages, each
 * with Nagle's algorithm off.
 *
 * Both measured (docs/performance.md, "Issue 14"): a connection per message waited on the server's greeting every
 * time (smtp-server holds it 100 ms to catch clients that talk too soon; real servers do likewise, and a network adds
 * its round trips); and nodemailer writes a message's body and its closing `.` as two small segments, so with Nagle on
 * the second waits for the server's delayed ACK of the first — 40 ms a message, whatever the link. Together they held
 * one lane to ~7 messages a second; pooled and with no delay, four lanes send ~740 a second to the same server.
 * `smtps://` URLs keep nodemailer's own TLS socket (pooled, with Nagle on).
 */
export function smtpTransport(url: string, maxConnections = SMTP_POOL_CONNECTIONS) {
  const options: SMTPPool.Options = { maxConnections, ...parseConnectionUrl(url), pool: true }
  if (!options.secure) {
    options.getSocket = (o, callback) => {
      const socket = net.connect({ host: o.host ?? 'localhost', port: o.port ?? 587, noDelay: true })
      socket.setTimeout(CONNECT_TIMEOUT_MS)
      // A socket that cannot connect is not reported as an error here: nodemailer's pool would keep the connection it
      // failed as busy forever (it removes only connections that emit `error`), and after five such failures — an SMTP
      // outage — it would never send again. An empty answer has nodemailer connect on its own, which fails the same way
      // and is reported properly (the message fails; the pool stays usable).
      let answered = false
      const fallBack = () => {
        if (answered) return
        answered = true
        socket.destroy()
        callback(null, {})
      }
      socket.once('error', fallBack)
      socket.once('timeout', fallBack)
      socket.once('connect', () => {
        if (answered) return
        answered = true
        socket.off('error', fallBack)
        socket.off('timeout', fallBack)
        socket.setTimeout(0)
        callback(null, { connection: socket })
      })
    }
  }
  const transport = nodemailer.createTransport(options)
  open.add(transport)
  return transport
}

/** Ends every pooled SMTP connection of this process (on shutdown, after the last send). */
export function closeSmtpTransports(): void {
  for (const transport of open) transport.close()
}
