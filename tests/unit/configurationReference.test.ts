/**
 * docs/configuration.md cannot drift: it is generated from ENV_DOCS (src/env.ts) and REMINDER_SETTING_DOCS, every
 * variable the code reads — through readEnv, or process.env anywhere in src/, scripts/ and payload.config.ts — is in
 * it, nothing in it is read nowhere, and each documented default and range is the one in force.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { configurationReference, NEXT_INTERNAL_VARIABLES, readEnv } from '../../src/env'
import { CONFIGURATION_REFERENCE_PATH, renderConfigurationReference } from '../../scripts/lib/configurationReference'

const ROOT = process.cwd()
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : files(full)
    return /\.(tsx?|mjs)$/.test(name) && name !== 'payload-types.ts' ? [full] : []
  })
const SOURCES = [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'scripts')), path.join(ROOT, 'payload.config.ts')].map(
  (file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }),
)
const ENV_FILES = ['src/env.ts', 'src/domain/reminderSettings.ts']

const docs = configurationReference()
const documented = new Set(docs.map((d) => d.name))
const internal = new Set<string>(NEXT_INTERNAL_VARIABLES)

/** Every name readEnv looks up, whatever the source holds: it reads through a proxy that notes each key. */
function readByReadEnv(): Set<string> {
  const seen = new Set<string>()
  const sources: Record<string, string>[] = [
    {},
    { NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(40) },
    { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_BASE: 'http://127.0.0.1:1', METRICS_TOKEN: 'm'.repeat(20), SMTP_URL: 'smtp://h:25' },
  ]
  for (const source of sources) {
    const proxy = new Proxy(source, {
      get(target, key) {
        if (typeof key === 'string') seen.add(key)
        return target[key as string]
      },
    })
    try {
      readEnv(proxy)
    } catch {
      // a refused combination still shows what was read
    }
  }
  return seen
}

/** Names read in the source text: process.env.X anywhere, and source.X or a helper's literal name in the env files. */
function readInSource(): Map<string, string[]> {
  const where = new Map<string, string[]>()
  const note = (name: string, file: string) => where.set(name, [...(where.get(name) ?? []), file])
  for (const { file, text } of SOURCES) {
    for (const m of text.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) note(m[1] ?? m[2], file)
    if (ENV_FILES.includes(file)) {
      for (const m of text.matchAll(/\bsource(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) note(m[1] ?? m[2], file)
      for (const m of text.matchAll(/\b(?:str|url|int|given)\(\s*(?:source,\s*)?'([A-Z][A-Z0-9_]*)'/g)) note(m[1], file)
    }
  }
  return where
}

describe('the configuration reference (docs/configuration.md)', () => {
  it('is the generated one (npm run generate:config-docs)', () => {
    expect(readFileSync(path.join(ROOT, CONFIGURATION_REFERENCE_PATH), 'utf8')).toBe(renderConfigurationReference())
  })

  it('lists each variable once, with a meaning and a default or what unset means', () => {
    expect(docs.length).toBe(documented.size)
    for (const d of docs) {
      expect([d.name, d.meaning.length > 10, d.default !== undefined || d.unset !== undefined]).toEqual([d.name, true, true])
    }
  })

  it('documents every variable the code reads, and none it does not', () => {
    const read = new Set([...readByReadEnv(), ...readInSource().keys()])
    expect([...read].filter((name) => !documented.has(name) && !internal.has(name)).sort()).toEqual([])
    expect([...documented].filter((name) => !read.has(name)).sort()).toEqual([])
    // the lists are not vacuous: names from each way of reading are there
    for (const name of ['DATABASE_URI', 'REMINDER_LEASE_MS', 'CAPTURE_MAX_ATTEMPTS', 'PORT', 'LOG_LEVEL']) expect(read).toContain(name)
  })

  it('reads no variable under a name it computes (which the check above could not see)', () => {
    const dynamic = SOURCES.flatMap(({ file, text }) =>
      [...text.matchAll(/process\.env\[\s*(?!['"])([^\]]+)\]/g)].map((m) => `${file}: process.env[${m[1]}]`),
    )
    expect(dynamic).toEqual([])
  })

  it('gives the default in force: setting a variable to its documented default changes nothing', () => {
    const plain = readEnv({})
    const readEnvReads = readByReadEnv()
    const checked: string[] = []
    for (const d of docs.filter((x) => x.default !== undefined)) {
      if (readEnvReads.has(d.name)) {
        expect([d.name, readEnv({ [d.name]: d.default! })]).toEqual([d.name, plain])
      } else {
        // read elsewhere: the code's fallback is the documented value
        const fallback = new RegExp(`process\\.env\\.${d.name}\\s*(\\?\\?|\\|\\|)\\s*'${d.default!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`)
        expect([d.name, SOURCES.some(({ text }) => fallback.test(text))]).toEqual([d.name, true])
      }
      checked.push(d.name)
    }
    expect(checked.length).toBeGreaterThan(20)
  })

  it('gives the bounds in force for whole numbers', () => {
    const refuses = (name: string, value: number) => {
      try {
        readEnv({ [name]: String(value) })
        return false
      } catch (error) {
        return (error as Error).message.includes(name)
      }
    }
    const bounded = docs.filter((d) => d.min !== undefined)
    expect(bounded.length).toBeGreaterThan(15)
    for (const d of bounded) {
      expect([d.name, d.min, refuses(d.name, d.min!), refuses(d.name, d.min! - 1)]).toEqual([d.name, d.min, false, true])
      if (d.max !== undefined) expect([d.name, d.max, refuses(d.name, d.max), refuses(d.name, d.max + 1)]).toEqual([d.name, d.max, false, true])
    }
  })
})
