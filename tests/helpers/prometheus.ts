/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line must be a HELP, a TYPE or a sample of
 * the family last declared, names and labels well-formed, values numbers (or ±Inf/NaN), no series twice. It throws
 * on anything a Prometheus server would reject, naming the line.
 */
import { spawnSync } from 'node:child_process'

export type Sample = { name: string; labels: Record<string, string>; value: number }
export type Family = { name: string; type: string; help: string; samples: Sample[] }

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
const SUFFIXES = ['_total', '_created', '_bucket', '_sum', '_count']

function parseValue(text: string, line: number): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY
  if (text === '-Inf') return Number.NEGATIVE_INFINITY
  if (text === 'NaN') return Number.NaN
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a number`)
  return Number(text)
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {}
  let i = 0
  while (i < text.length) {
    const eq = text.indexOf('=', i)
    if (eq < 0) throw new Error(`line ${line}: label without "="`)
    const name = text.slice(i, eq).trim()
    if (!LABEL.test(name)) throw new Error(`line ${line}: bad label name "${name}"`)
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label value must be quoted`)
    let j = eq + 2
    let value = ''
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const next = text[++j]
        if (next === 'n') value += '\n'
        else if (next === '\\' || next === '"') value += next
        else throw new Error(`line ${line}: bad escape \\${next}`)
      } else value += text[j]
    }
    if (j >= text.length) throw new Error(`line ${line}: unterminated label value`)
    if (name in labels) throw new Error(`line ${line}: label "${name}" twice`)
    labels[name] = value
    i = j + 1
    if (text[i] === ',') i++
    else if (i < text.length) throw new Error(`line ${line}: expected "," between labels`)
  }
  return labels
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>()
  const seen = new Set<string>()
  let current: Family | undefined
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline')
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1
      if (raw === '') return
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw)
      if (meta) {
        const [, kind, name, rest] = meta
        if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`)
        let family = families.get(name)
        if (!family) {
          if (seen.has(`family:${name}`)) throw new Error(`line ${line}: family ${name} declared twice`)
          seen.add(`family:${name}`)
          family = { name, type: 'untyped', help: '', samples: [] }
          families.set(name, family)
        }
        if (kind === 'TYPE') {
          if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type "${rest}"`)
          if (family.samples.length) throw new Error(`line ${line}: TYPE after samples of ${name}`)
          family.type = rest
        } else family.help = rest
        current = family
        return
      }
      if (raw.startsWith('#')) return // a comment
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(raw)
      if (!m) throw new Error(`line ${line}: not a sample: ${raw}`)
      const [, name, labelText, valueText] = m
      const family =
        current && (name === current.name || SUFFIXES.some((s) => name === current!.name + s)) ? current : undefined
      if (!family) throw new Error(`line ${line}: sample ${name} outside its family's block`)
      const labels = parseLabels(labelText ?? '', line)
      const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`
      if (seen.has(key)) throw new Error(`line ${line}: series ${key} twice`)
      seen.add(key)
      const value = parseValue(valueText, line)
      if (family.type === 'counter' && !(value >= 0)) throw new Error(`line ${line}: counter ${name} is ${value}`)
      family.samples.push({ name, labels, value })
    })
  return families
}

/** The value of one series (labels must match exactly); 0 when the series is absent. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name !== name) continue
      const keys = Object.keys(s.labels)
      if (keys.length === Object.keys(labels).length && keys.every((k) => s.labels[k] === labels[k])) return s.value
    }
  }
  return 0
}

/** The sum of a metric's series whose labels include `labels`. */
export function sumOf(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  let total = 0
  for (const family of families.values())
    for (const s of family.samples)
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) total += s.value
  return total
}

/**
 * `promtool check metrics` (Debian package `prometheus`) over an exposition: its exit status and what it said. It
 * reads the text as Prometheus would and lints names, types and help.
 */
export function promtoolCheckMetrics(text: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })
  if (run.error) throw new Error(`promtool could not run (${run.error.message}): install it, e.g. apt-get install prometheus`)
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() }
}
