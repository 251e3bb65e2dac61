/**
 * deploy/prometheus/alerts.yml and the runbook stay in step: every alert names a runbook paragraph that exists, and the
 * runbook explains every alert by name. (promtool checks the rules themselves: npm run check:alerts.)
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const read = (file: string) => readFileSync(path.resolve(process.cwd(), file), 'utf8')
const rules = read('deploy/prometheus/alerts.yml')
const runbook = read('docs/M4-Reminder-Worker-Runbook.md')

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchors = new Set(
  [...runbook.matchAll(/^#+ (.+)$/gm)].map((m) =>
    m[1]
      .trim()
      .toLowerCase()
      .replace(/[^\w\- ]/g, '')
      .replace(/ /g, '-'),
  ),
)

describe('alert rules', () => {
  const alerts = [...rules.matchAll(/- alert: (\w+)[\s\S]*?runbook: docs\/M4-Reminder-Worker-Runbook\.md#([\w-]+)/g)].map((m) => ({
    name: m[1],
    anchor: m[2],
  }))

  it('each point to a paragraph of the runbook that exists', () => {
    expect(alerts.length).toBe([...rules.matchAll(/- alert: /g)].length)
    expect(alerts.length).toBeGreaterThanOrEqual(10)
    expect(alerts.filter((a) => !anchors.has(a.anchor))).toEqual([])
  })

  it('are each explained in the runbook by name', () => {
    expect(alerts.filter((a) => !runbook.includes(a.name)).map((a) => a.name)).toEqual([])
  })
})
