/** docs/webhooks.md carries the whole event catalogue and every webhook setting, so integrators read what is true. */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { EVENT_TYPES } from '../../src/domain/events'
import { ATTEMPT_RESULTS } from '../../src/domain/webhooks'
import { ENV_DOCS } from '../../src/env'

const doc = readFileSync(path.resolve(process.cwd(), 'docs/webhooks.md'), 'utf8')

describe('docs/webhooks.md', () => {
  it('lists every event type in the catalogue, and no other', () => {
    const rows = [...doc.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \|/gm)].map((m) => m[1])
    expect(rows.sort()).toEqual(Object.keys(EVENT_TYPES).sort())
  })

  it('names every webhook setting and every attempt result', () => {
    const settings = ENV_DOCS.filter((d) => d.section === 'Webhooks').map((d) => d.name)
    expect(settings.length).toBeGreaterThan(5)
    for (const name of settings) expect([name, doc.includes(`\`${name}\``)]).toEqual([name, true])
    for (const result of ATTEMPT_RESULTS) expect([result, doc.includes(`\`${result}\``)]).toEqual([result, true])
  })
})
