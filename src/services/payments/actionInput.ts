import { badRequest, conflict } from '../../utilities/errors'

/** Input rules of the completion, verification and payout actions: each problem is a 400 naming the field. */

export const MAX_REASON_LENGTH = 2000
export const MAX_CHECKLIST_ITEMS = 50
export const MAX_CHECKLIST_ITEM_LENGTH = 200

export function requiredText(body: Record<string, unknown>, field: string, what: string, max = MAX_REASON_LENGTH): string {
  const value = body[field]
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${what} is required: send "${field}" as text.`, field)
  if (value.length > max) throw badRequest(`${what} must be at most ${max} characters.`, field)
  return value.trim()
}

export function optionalText(body: Record<string, unknown>, field: string, what: string, max = MAX_REASON_LENGTH): string | null {
  if (body[field] === undefined || body[field] === null) return null
  return requiredText(body, field, what, max)
}

export type CompletionChecklist = { items: string[]; note?: string }

/** `{ items: string[], note?: string }`, or null when the provider sent none. */
export function parseChecklist(value: unknown): CompletionChecklist | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The checklist must be an object: { "items": ["..."], "note": "..." }.', 'checklist')
  }
  const { items, note, ...rest } = value as Record<string, unknown>
  const unknown = Object.keys(rest)[0]
  if (unknown) throw badRequest(`The checklist has no field "${unknown}": send only items and note.`, `checklist.${unknown}`)
  if (!Array.isArray(items)) throw badRequest('The checklist needs "items": a list of what was done.', 'checklist.items')
  if (items.length > MAX_CHECKLIST_ITEMS) {
    throw badRequest(`The checklist may have at most ${MAX_CHECKLIST_ITEMS} items.`, 'checklist.items')
  }
  items.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      throw badRequest(`Checklist item ${i + 1} must be non-empty text.`, `checklist.items.${i}`)
    }
    if (item.length > MAX_CHECKLIST_ITEM_LENGTH) {
      throw badRequest(`Checklist item ${i + 1} must be at most ${MAX_CHECKLIST_ITEM_LENGTH} characters.`, `checklist.items.${i}`)
    }
  })
  if (note !== undefined && note !== null && typeof note !== 'string') {
    throw badRequest('The checklist note must be text.', 'checklist.note')
  }
  if (typeof note === 'string' && note.length > MAX_REASON_LENGTH) {
    throw badRequest(`The checklist note must be at most ${MAX_REASON_LENGTH} characters.`, 'checklist.note')
  }
  return { items: (items as string[]).map((s) => s.trim()), ...(typeof note === 'string' && note.trim() ? { note: note.trim() } : {}) }
}

/** The record version the client last saw, when it sends one: a stale one is a 409 instead of a blind overwrite. */
export function parseVersion(body: Record<string, unknown>): number | undefined {
  if (body.version === undefined || body.version === null) return undefined
  if (!Number.isInteger(body.version) || (body.version as number) < 1) {
    throw badRequest('"version" must be the whole-number version of the assignment you last read.', 'version')
  }
  return body.version as number
}

export function checkVersion(expected: number | undefined, current: { version?: number }): void {
  if (expected !== undefined && current.version !== expected) {
    throw conflict(`The assignment changed since you read it (version ${current.version}, you sent ${expected}): reload and try again.`, {
      version: current.version,
    })
  }
}
