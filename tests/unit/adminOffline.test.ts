/**
 * The admin fetches nothing from another host, by construction (the browser proof is tests/e2e/offline.spec.ts):
 * no field Ops can see is drawn by Payload's JSON or code editor (Monaco, loaded from a public CDN) or a rich-text
 * editor, and the avatar is Payload's built-in one, not Gravatar. A new JSON field fails here until it is wrapped in
 * `shownAsData` (src/fields/shownAsData.ts) or hidden.
 */
import { describe, expect, it } from '@jest/globals'
import type { Field, SanitizedConfig } from 'payload'

const CDN_EDITORS = new Set(['json', 'code', 'richText'])

/** Every field at any depth, with its path: tabs, rows, collapsibles, groups, arrays and blocks opened. */
function* walk(fields: Field[], prefix = ''): Generator<{ path: string; field: Field }> {
  for (const field of fields) {
    const path = 'name' in field && field.name ? `${prefix}${field.name}` : prefix.replace(/\.$/, '') || '(unnamed)'
    yield { path, field }
    if (field.type === 'tabs') for (const tab of field.tabs) yield* walk(tab.fields, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix)
    else if (field.type === 'blocks') for (const block of field.blocks) yield* walk(block.fields, `${path}.${block.slug}.`)
    else if ('fields' in field && Array.isArray(field.fields)) yield* walk(field.fields, 'name' in field && field.name ? `${path}.` : prefix)
  }
}

type Admin = { hidden?: boolean; disabled?: boolean; components?: { Field?: unknown } }
const shownByPayloadsEditor = (field: Field) => {
  const admin = (field.admin ?? {}) as Admin
  return CDN_EDITORS.has(field.type) && !admin.hidden && !admin.disabled && !admin.components?.Field
}

describe('the admin offline', () => {
  it('draws no field Ops can see with an editor Payload loads from a CDN', async () => {
    const config: SanitizedConfig = await (await import('../../payload.config')).default
    // a collection hidden from everyone is never drawn; one hidden by a rule (the jobs queue: Ops only) is
    const visible = config.collections.filter((c) => c.admin?.hidden !== true)
    expect(visible.map((c) => c.slug)).toEqual(expect.arrayContaining(['assignments', 'events', 'audit-events', 'worker-heartbeats', 'payload-jobs']))
    const offenders = visible.flatMap((c) => [...walk(c.fields)].filter(({ field }) => shownByPayloadsEditor(field)).map(({ path }) => `${c.slug}.${path}`))
    expect(offenders).toEqual([])
    const jsonFields = visible.flatMap((c) => [...walk(c.fields)].filter(({ field }) => field.type === 'json').map(({ path }) => `${c.slug}.${path}`))
    // what the walk found, so it cannot pass by finding nothing
    expect(jsonFields).toEqual(expect.arrayContaining(['assignments.completionChecklist', 'events.data', 'payload-jobs.log.input', 'payload-jobs.error']))
  })

  it("shows Payload's built-in avatar, not Gravatar", async () => {
    const config: SanitizedConfig = await (await import('../../payload.config')).default
    expect(config.admin.avatar).toBe('default')
  })
})
