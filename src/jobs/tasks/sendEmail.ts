import type { TaskConfig } from 'payload'

/**
 * Sends one email after the transaction that queued it committed. Queued work, not an inline send, so an email never
 * leaves for a change that rolled back, and a slow SMTP server never holds a row lock.
 */
export const sendEmailTask: TaskConfig<'sendEmail'> = {
  slug: 'sendEmail',
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
  inputSchema: [
    { name: 'to', type: 'text', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'text', type: 'textarea', required: true },
    { name: 'icsMethod', type: 'text' },
    { name: 'ics', type: 'textarea' },
  ],
  outputSchema: [{ name: 'messageId', type: 'text' }],
  handler: async ({ input, req }) => {
    const attachments = input.ics
      ? [{ filename: 'invite.ics', content: input.ics, contentType: `text/calendar; charset=utf-8; method=${input.icsMethod ?? 'REQUEST'}` }]
      : undefined
    const result = (await req.payload.sendEmail({ to: input.to, subject: input.subject, text: input.text, attachments })) as
      | { messageId?: string }
      | undefined
    return { output: { messageId: result?.messageId ?? '' } }
  },
}
