/**
 * A real SMTP server (the `smtp-server` package) that receives what nodemailer sends, with a small MIME reader so
 * tests can check subjects, bodies and attachments (ICS invites) the way a mail client would show them.
 */
import type { AddressInfo, Socket } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type MailPart = { contentType: string; filename?: string; content: string }
export type Mail = {
  from: string
  to: string[]
  subject: string
  text: string
  parts: MailPart[]
  raw: string
  /** Top-level headers, lower-cased names (e.g. `x-jobline-notification`, the reminder-log id). */
  headers: Record<string, string>
}

// RFC 2047: whitespace between two encoded words is not part of the text (long subjects are split mid-word).
const decodeWords = (value: string) =>
  value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc, text) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  )

function splitHeaders(block: string): { headers: Record<string, string>; body: string } {
  const index = block.search(/\r?\n\r?\n/)
  const head = index === -1 ? block : block.slice(0, index)
  const body = index === -1 ? '' : block.slice(index).replace(/^\r?\n\r?\n/, '')
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { headers, body }
}

function decodeBody(body: string, encoding = ''): string {
  const enc = encoding.toLowerCase()
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  }
  return body
}

function parseParts(headers: Record<string, string>, body: string): MailPart[] {
  const type = headers['content-type'] ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .flatMap((chunk) => {
        const part = splitHeaders(chunk.replace(/^\r?\n/, ''))
        return parseParts(part.headers, part.body)
      })
  }
  const filename = /filename="?([^";]+)"?/i.exec(headers['content-disposition'] ?? '')?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1]
  return [{ contentType: type.split(';')[0].trim().toLowerCase(), filename, content: decodeBody(body, headers['content-transfer-encoding']) }]
}

export function parseMail(raw: string, from: string, to: string[]): Mail {
  const { headers, body } = splitHeaders(raw)
  const parts = parseParts(headers, body)
  const text = parts.find((p) => p.contentType === 'text/plain' && !p.filename)?.content ?? ''
  return { from, to, subject: decodeWords(headers.subject ?? ''), text, parts, raw, headers }
}

export type Mailbox = {
  url: string
  messages: Mail[]
  /** When true the server refuses every message (a transient 451), as an SMTP outage would. */
  refuse: boolean
  waitFor: (predicate: (m: Mail[]) => boolean, timeoutMs?: number) => Promise<Mail[]>
  close: () => Promise<void>
  port: number
  /** Stops listening and drops every open connection, so sends fail (an SMTP outage); `up()` listens on the same port again. */
  down: () => Promise<void>
  up: () => Promise<void>
  /** When above 0, the server accepts at most one message per this many milliseconds (a slow recipient channel). */
  acceptEveryMs: number
  /** Socket errors seen (a client killed mid-message resets its connection); kept for tests to inspect. */
  connectionErrors: Error[]
}

export async function startSmtp(): Promise<Mailbox> {
  const box = { messages: [] as Mail[], refuse: false, acceptEveryMs: 0, connectionErrors: [] as Error[] } as Mailbox
  let nextSlot = 0
  const makeServer = () => {
    const server = new SMTPServer({
      authOptional: true,
      // no reverse DNS of each client (this machine has no resolver to ask: every connection waited on it)
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          if (box.refuse) return callback(Object.assign(new Error('Mailbox unavailable, try later'), { responseCode: 451 }))
          const accept = () => {
            const to = session.envelope.rcptTo.map((r) => r.address)
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
            box.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), from, to))
            callback()
          }
          if (box.acceptEveryMs <= 0) return accept()
          const at = Math.max(Date.now(), nextSlot)
          nextSlot = at + box.acceptEveryMs
          setTimeout(accept, at - Date.now())
        })
      },
    })
    // smtp-server re-emits a client's socket errors on the server (ECONNRESET when a worker is killed mid-send); an
    // EventEmitter 'error' without a listener would throw in the test process and fail the whole file.
    server.on('error', (error: Error) => box.connectionErrors.push(error))
    return server
  }
  let server = makeServer()
  let listening = false
  // the open connections: clients pool them between messages, and an outage ends them too
  const sockets = new Set<Socket>()
  const listen = (port: number) =>
    new Promise<void>((resolve) => {
      server.server.on('connection', (socket: Socket) => {
        sockets.add(socket)
        socket.once('close', () => sockets.delete(socket))
      })
      server.listen(port, '127.0.0.1', () => {
        listening = true
        resolve()
      })
    })
  const close = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve()
      listening = false
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
    })
  await listen(0)
  const { port } = server.server.address() as AddressInfo
  box.port = port
  box.url = `smtp://127.0.0.1:${port}`
  box.waitFor = async (predicate, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs
    while (!predicate(box.messages)) {
      if (Date.now() > until) throw new Error(`mail not received in ${timeoutMs} ms; have: ${box.messages.map((m) => m.subject).join(' | ')}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    return box.messages
  }
  box.close = close
  box.down = close
  box.up = async () => {
    if (listening) return
    server = makeServer()
    await listen(port)
  }
  return box
}
