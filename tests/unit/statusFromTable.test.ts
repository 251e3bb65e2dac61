/**
 * The lifecycle table is the only source of a record's next status. This reads the actions and every endpoint and
 * fails when one writes a lifecycle status as a literal (`status: 'cancelled'`, `payoutStatus: 'approved'`, or SQL
 * setting one), like the overrideAccess check next to it.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { MACHINES } from '../../src/domain/lifecycle'

const SRC = path.resolve(process.cwd(), 'src')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return files(full)
    return /\.tsx?$/.test(name) ? [full] : []
  })

const STATES = [...new Set(Object.values(MACHINES).flat())].join('|')
const WRITES = [
  new RegExp(String.raw`\b(?:status|payoutStatus)\s*:\s*['"\`](${STATES})['"\`]`, 'g'),
  new RegExp(String.raw`\bSET\s+(?:[a-z_]+\s*=\s*[^,]+,\s*)*(?:status|payout_status)\s*=\s*'(${STATES})'`, 'gi'),
]

/** Where actions live and what mounts them: src/operations, every collection's endpoints, the payment services. */
const ACTION_CODE = [
  ...files(path.join(SRC, 'operations')),
  ...files(path.join(SRC, 'collections')).filter((f) => f.includes(`${path.sep}endpoints${path.sep}`) || f.endsWith('index.ts')),
  ...files(path.join(SRC, 'services', 'payments')),
  ...files(path.join(SRC, 'jobs', 'tasks')),
]

describe('status writes in actions and endpoints', () => {
  it('look at real code', () => {
    expect(ACTION_CODE.filter((f) => f.includes(`${path.sep}operations${path.sep}`)).length).toBeGreaterThan(10)
  })

  it('take the next status from the lifecycle table, never from a literal', () => {
    const offenders = ACTION_CODE.flatMap((file) => {
      const source = readFileSync(file, 'utf8')
      return WRITES.flatMap((re) => [...source.matchAll(re)].map((m) => `${path.relative(SRC, file)}: ${m[0]}`))
    })
    expect(offenders).toEqual([])
  })

  it('would catch one', () => {
    expect(WRITES[0].test("data: { status: 'cancelled' }")).toBe(true)
    WRITES[0].lastIndex = 0
    expect(WRITES[1].test("UPDATE payouts SET attempts = 0, status = 'failed' WHERE id = 1")).toBe(true)
    WRITES[1].lastIndex = 0
    expect(WRITES[0].test("where: { status: { equals: 'open' } }")).toBe(false)
    WRITES[0].lastIndex = 0
  })
})
