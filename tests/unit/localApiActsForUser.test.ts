/**
 * The Local API skips access control unless told otherwise. Every Local API call in src/ that passes a `user` acts for
 * that user, so it must also pass `overrideAccess: false`; this reads the source and checks each such call.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(process.cwd(), 'src')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : files(full)
    return /\.tsx?$/.test(name) ? [full] : []
  })

/** The argument text of each `payload.<op>(` call, matched by brackets. */
function localApiCalls(source: string): string[] {
  const calls: string[] = []
  const re = /payload\s*\.\s*(find|findByID|create|update|delete|count|findGlobal|updateGlobal|duplicate)\s*\(/g
  let m: RegExpExecArray | null
  while ((m = re.exec(source))) {
    let depth = 1
    let i = m.index + m[0].length
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++
      else if (source[i] === ')') depth--
    }
    calls.push(source.slice(m.index, i))
  }
  return calls
}

describe('Local API calls made for a user', () => {
  const offenders: string[] = []
  let actingForUser = 0
  for (const file of files(SRC)) {
    for (const call of localApiCalls(readFileSync(file, 'utf8'))) {
      // an object literal may hold both branches of a choice; check each `{ ... }` that names a user
      for (const branch of call.split(/\?|:(?=\s*\{)/)) {
        if (!/\buser\b\s*[,}:]/.test(branch) || /\buser\s*:\s*null/.test(branch)) continue
        actingForUser++
        if (!/overrideAccess\s*:\s*false/.test(branch)) offenders.push(`${path.relative(SRC, file)}: ${branch.slice(0, 120)}`)
      }
    }
  }

  it('exist (the check is looking at real code)', () => {
    expect(actingForUser).toBeGreaterThan(0)
  })

  it('all pass overrideAccess: false', () => {
    expect(offenders).toEqual([])
  })
})
