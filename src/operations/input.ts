import { badRequest } from '../utilities/errors'

/** Input rules the actions share: each problem is a 400 naming the field. */

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

/** A positive 32-bit id in the body (a proposal, a window's record), or 400 naming the field. */
export function requiredId(body: Record<string, unknown>, field: string, what: string): number {
  const v = body[field]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2_147_483_647) {
    throw badRequest(`${what} is required: send "${field}" as a whole-number id.`, field)
  }
  return v
}

/** A whole number from `min` to `max`, or 400 naming the field. */
export function requiredInt(body: Record<string, unknown>, field: string, what: string, min: number, max: number): number {
  const v = body[field]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest(`${what} must be a whole number from ${min} to ${max}.`, field)
  }
  return v
}

/** `true`/`false` when sent, else the default; anything else is a 400 naming the field. */
export function optionalBoolean(body: Record<string, unknown>, field: string, fallback: boolean): boolean {
  const v = body[field]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'boolean') throw badRequest(`"${field}" must be true or false.`, field)
  return v
}
